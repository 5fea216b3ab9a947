using System.CommandLine;
using Akka.Actor;
using Akka.Cluster;
using Snapshot.Cli.Bank;
using Snapshot.Cli.Stored;
using Snapshot.Runtime;
using Spectre.Console;

namespace Snapshot.Cli.Nodes;

/// <summary>
/// <c>snapshot node</c>: one node of a real cluster, hosting bank accounts that pay accounts on every node.
/// Runs until Ctrl+C (or SIGTERM), then leaves the cluster gracefully.
/// </summary>
public static class NodeCommand
{
    private static readonly TimeSpan RefreshAccounts = TimeSpan.FromSeconds(2);

    public static Command Create(IAnsiConsole console)
    {
        var config = new Option<string>("--config") { Description = "The node's HOCON file, e.g. hocon/node1.conf.", Required = true };
        var accounts = new Option<int>("--accounts") { Description = "Accounts this node hosts.", DefaultValueFactory = _ => 10 };
        var port = new Option<int?>("--port") { Description = "Overrides akka.remote.dot-netty.tcp.port of the file." };
        var seedNode = new Option<string?>("--seed-node") { Description = "Overrides akka.cluster.seed-nodes of the file with this address." };
        var seed = new Option<int>("--seed") { Description = "Seed of this node's random transfers.", DefaultValueFactory = _ => 1 };
        var command = new Command("node", "Run one cluster node hosting bank accounts, until Ctrl+C.") { config, accounts, port, seedNode, seed };
        command.SetAction((parsed, cancellationToken) =>
        {
            var count = parsed.GetValue(accounts);
            if (count is < 0 or > 10_000)
                throw new UsageException("--accounts", $"must be from 0 to 10000, found {count}");
            if (parsed.GetValue(port) is < 0 or > 65535)
                throw new UsageException("--port", $"must be from 0 to 65535, found {parsed.GetValue(port)}");
            var path = parsed.GetValue(config)!;
            var settings = NodeConfig.Load(path, parsed.GetValue(port), parsed.GetValue(seedNode));
            ListeningPort.EnsureFree(settings, parsed.GetValue(port) is null ? "--config" : "--port");
            var system = NodeConfig.Start(path, settings);
            var storage = StoreReader.Open(system, path);
            if (storage.Settings.Interval is { } interval)
                console.MarkupLineInterpolated(
                    $"periodic snapshots of '{storage.PeriodicGroup}' every {DurationText.Format(interval)} on the cluster's oldest node, the last {storage.Settings.KeepLast} kept: snapshot list --config {path}");
            return RunAsync(system, count, parsed.GetValue(seed), console, cancellationToken);
        });
        return command;
    }

    private static async Task RefreshAsync(GlobalSnapshots snapshots, IActorRef payer, IAnsiConsole console, CancellationToken stop)
    {
        try
        {
            payer.Tell(new UseAccounts(await snapshots.ParticipantsAsync(BankAccount.Group, stop)));
        }
        catch (Exception e) when (e is SnapshotFailedException or AskTimeoutException)
        {
            console.MarkupLineInterpolated($"[yellow]could not list the accounts: {e.Message}[/]");
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private static async Task<int> RunAsync(ActorSystem system, int accounts, int seed, IAnsiConsole console, CancellationToken stop)
    {
        var cluster = Cluster.Get(system);
        var snapshots = GlobalSnapshots.Get(system);
        for (var i = 0; i < accounts; i++)
            system.ActorOf(BankAccount.Props(), $"account-{i}");
        var payer = system.ActorOf(Payer.Props([], seed), "payer");
        console.MarkupLineInterpolated($"node [bold]{cluster.SelfAddress}[/]: {Counted.Of(accounts, "account")}; Ctrl+C leaves the cluster");
        while (!stop.IsCancellationRequested)
        {
            // Accounts on other nodes appear as those nodes join: pay whoever is in the group now.
            if (cluster.SelfMember.Status == MemberStatus.Up)
                await RefreshAsync(snapshots, payer, console, stop);
            await Task.WhenAny(Task.Delay(RefreshAccounts, stop)); // ends early, without throwing, on Ctrl+C
        }
        console.MarkupLine("leaving the cluster");
        await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClusterLeavingReason.Instance);
        return ExitCodes.Success;
    }
}
