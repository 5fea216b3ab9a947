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

    public static Command Create(IAnsiConsole console, TextWriter output)
    {
        var seedNode = new Option<string>("--seed-node") { Description = "Address of a cluster node, like akka.tcp://snapshot@127.0.0.1:4053.", Required = true };
        var minParticipants = new Option<int>("--min-participants") { Description = "Wait until the group has at least this many participants.", DefaultValueFactory = _ => 1 };
        var timeout = new Option<string>("--timeout") { Description = "How long joining, waiting and the snapshot may take, like 30s.", DefaultValueFactory = _ => "30s" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table." };
        var command = new Command("take", "Join a cluster as a client, take one snapshot of the bank, print it, and leave.") { seedNode, minParticipants, timeout, json };
        command.SetAction((parsed, cancellationToken) =>
        {
            var address = AddressOption.Parse(parsed.GetValue(seedNode)!, "--seed-node");
            var limit = DurationText.Parse(parsed.GetValue(timeout)!, "--timeout");
            return RunAsync(address, parsed.GetValue(minParticipants), limit, parsed.GetValue(json), console, output, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(Address seed, int minParticipants, TimeSpan limit, bool json, IAnsiConsole console, TextWriter output, CancellationToken cancellationToken)
    {
        var system = ActorSystem.Create(seed.System, ClientConfig);
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
