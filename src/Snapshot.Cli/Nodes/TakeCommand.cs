using System.CommandLine;
using System.Text.Json;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Snapshot.Cli.Bank;
using Snapshot.Cli.Reports;
using Snapshot.Runtime;
using Spectre.Console;

namespace Snapshot.Cli.Nodes;

/// <summary>
/// <c>snapshot take</c>: joins a running cluster as a client node (no accounts), takes one snapshot of the
/// bank, prints it with the conservation check, and leaves.
/// </summary>
public static class TakeCommand
{
    private static readonly Config ClientConfig = CliAkkaConfig.LoopbackClusterNode("cluster.roles = [\"client\"]");

    // Over a node's file: a client of its own, on a port the OS picks, joining the seed node given.
    public static readonly Config ClientOverrides = ConfigurationFactory.ParseString("""
        akka.remote.dot-netty.tcp.port = 0
        akka.cluster.roles = ["client"]
        akka.cluster.seed-nodes = []
        """);

    public static Command Create(IAnsiConsole console, TextWriter output)
    {
        var seedNode = new Option<string>("--seed-node") { Description = "Address of a cluster node, like akka.tcp://snapshot@127.0.0.1:4053.", Required = true };
        var minParticipants = new Option<int>("--min-participants") { Description = "Wait until the group has at least this many participants.", DefaultValueFactory = _ => 1 };
        var timeout = new Option<string>("--timeout") { Description = "How long joining, waiting and the snapshot may take, like 30s.", DefaultValueFactory = _ => "30s" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table." };
        var config = new Option<string?>("--config") { Description = "A node's HOCON file whose remoting settings (TLS, say) the client uses too, e.g. certs/node1.conf." };
        var command = new Command("take", "Join a cluster as a client, take one snapshot of the bank, print it, and leave.") { seedNode, minParticipants, timeout, json, config };
        command.SetAction((parsed, cancellationToken) =>
        {
            var address = AddressOption.Parse(parsed.GetValue(seedNode)!, "--seed-node");
            var limit = DurationText.Parse(parsed.GetValue(timeout)!, "--timeout");
            if (parsed.GetValue(minParticipants) is < 1 or > 1_000_000)
                throw new UsageException("--min-participants", $"must be from 1 to 1000000, found {parsed.GetValue(minParticipants)}");
            var system = parsed.GetValue(config) is { } path
                ? NodeConfig.Start(path, ClientOverrides.WithFallback(NodeConfig.Load(path, port: null, seedNode: null)))
                : ActorSystem.Create(address.System, ClientConfig);
            return RunAsync(system, address, parsed.GetValue(minParticipants), limit, parsed.GetValue(json), console, output, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(ActorSystem system, Address seed, int minParticipants, TimeSpan limit, bool json, IAnsiConsole console, TextWriter output, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        try
        {
            await Cluster.Get(system).JoinAsync(seed, deadline.Token);
            var snapshots = GlobalSnapshots.Get(system);
            await WaitForParticipantsAsync(snapshots, minParticipants, deadline.Token);
            var snapshot = await snapshots.TakeAsync(BankAccount.Group, timeout: limit, cancellationToken: deadline.Token);
            var report = SnapshotReport.Of(snapshot, snapshot.Id, Cluster.Get(system).SelfAddress);
            var run = new SnapshotRunSummary([report], [], report.ExpectedTotal);
            if (json)
                output.WriteLine(JsonSerializer.Serialize(run.ToJson(), new JsonSerializerOptions { WriteIndented = true }));
            else
                SnapshotTable.Write(console, run);
            return run.AllConserved ? ExitCodes.Success : ExitCodes.InvariantViolated;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            console.MarkupLineInterpolated($"[red]no snapshot of {seed} within {DurationText.Format(limit)}[/] (--timeout)");
            return ExitCodes.InvariantViolated;
        }
        catch (ClusterJoinFailedException e)
        {
            console.MarkupLineInterpolated($"[red]could not join the cluster at {seed}: {e.Message.ReplaceLineEndings(" ")}[/] (--seed-node, --config)");
            return ExitCodes.InvariantViolated;
        }
        catch (SnapshotFailedException e)
        {
            console.MarkupLineInterpolated($"[red]{e.Message}[/]");
            return ExitCodes.InvariantViolated;
        }
        finally
        {
            await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClusterLeavingReason.Instance);
        }
    }

    /// <summary>Nodes register their accounts as they start: wait until the group has grown to the size asked for.</summary>
    private static async Task WaitForParticipantsAsync(GlobalSnapshots snapshots, int minimum, CancellationToken cancellationToken)
    {
        while ((await snapshots.ParticipantsAsync(BankAccount.Group, cancellationToken)).Count < minimum)
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
    }
}
