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
    /// <summary>
    /// A client holds no participants and no singletons: nothing to hand over as it leaves. Akka's phases wait up to 5s
    /// for the cluster to see it leave and 10s more for it to exit, and while a node is unreachable the cluster cannot
    /// converge to either: the client would linger that long after it has printed its result.
    /// </summary>
    private const string PromptLeave = """
        coordinated-shutdown.phases {
          cluster-leave.timeout = 2s
          cluster-exiting.timeout = 1s
        }
        """;

    private static readonly Config ClientConfig = CliAkkaConfig.LoopbackClusterNode($$"""
        cluster.roles = ["client"]
        {{PromptLeave}}
        """);

    // Over a node's file: a client of its own, on a port the OS picks, joining the seed node given.
    public static readonly Config ClientOverrides = ConfigurationFactory.ParseString($$"""
        akka.remote.dot-netty.tcp.port = 0
        akka.cluster.roles = ["client"]
        akka.cluster.seed-nodes = []
        akka.{{PromptLeave}}
        """);

    public static Command Create(IAnsiConsole console, TextWriter output, TextWriter error)
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
            var progress = new TakeProgress(address, BankAccount.Group, parsed.GetValue(minParticipants));
            return RunAsync(system, address, parsed.GetValue(minParticipants), limit, progress, parsed.GetValue(json), console, output, error, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(ActorSystem system, Address seed, int minParticipants, TimeSpan limit, TakeProgress progress, bool json, IAnsiConsole console, TextWriter output, TextWriter error,
        CancellationToken cancellationToken)
    {
        var lost = LostNodes.Watch(system);
        string Lost() => lost.Described.Count == 0 ? "" : $"; lost {string.Join(", ", lost.Described)}";
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        try
        {
            await ClientMembership.JoinAsync(system, seed, deadline.Token);
            progress.Joined();
            // Standard output holds the result alone (one JSON document with --json): what it waits for goes to the error stream.
            error.WriteLine($"joined the cluster at {seed}: waiting for {Counted.Of(minParticipants, "participant")} of group '{BankAccount.Group}'");
            var snapshots = GlobalSnapshots.Get(system);
            if (!await WaitForParticipantsAsync(snapshots, minParticipants, progress, lost, deadline.Token))
            {
                error.WriteLine($"error: no snapshot of group '{BankAccount.Group}': {progress}, and nodes left the group{Lost()}");
                return ExitCodes.InvariantViolated;
            }
            progress.Snapshotting();
            var snapshot = await snapshots.TakeAsync(BankAccount.Group, timeout: limit, cancellationToken: deadline.Token);
            var report = SnapshotReport.Of(snapshot, snapshot.Id, Cluster.Get(system).SelfAddress) with { LostNodes = lost.Described };
            var run = new SnapshotRunSummary([report], [], report.ExpectedTotal);
            Print(run, json, console, output);
            return run.AllConserved ? ExitCodes.Success : ExitCodes.InvariantViolated;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error.WriteLine($"interrupted (Ctrl+C): {progress}");
            Print(new SnapshotRunSummary([], [], 0) { Interrupted = true }, json, console, output);
            return ExitCodes.Interrupted;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            error.WriteLine($"error: no snapshot of group '{BankAccount.Group}' within {DurationText.Format(limit)} (--timeout): {progress}{Lost()}");
            return ExitCodes.InvariantViolated;
        }
        catch (ClientMembership.RemovedWhileJoiningException e)
        {
            error.WriteLine($"error: no snapshot of group '{BankAccount.Group}': {e.Message}; {progress}{Lost()}");
            return ExitCodes.InvariantViolated;
        }
        catch (ClusterJoinFailedException e)
        {
            error.WriteLine($"error: could not join the cluster at {seed}: {e.Message.ReplaceLineEndings(" ")} (--seed-node, --config)");
            return ExitCodes.InvariantViolated;
        }
        catch (SnapshotFailedException e)
        {
            error.WriteLine($"error: no snapshot of group '{BankAccount.Group}' ({e.Reason}): {e.Message}; {progress}{Lost()}");
            return ExitCodes.InvariantViolated;
        }
        finally
        {
            await ClientMembership.LeaveAsync(system);
            await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClusterLeavingReason.Instance);
        }
    }

    /// <summary>
    /// Nodes register their accounts as they start: waits until the group has grown to the size asked for. False when it
    /// is short of it after nodes left or were removed: those accounts will not come back.
    /// </summary>
    private static async Task<bool> WaitForParticipantsAsync(GlobalSnapshots snapshots, int minimum, TakeProgress progress, LostNodes lost, CancellationToken cancellationToken)
    {
        while (true)
        {
            // A node unreachable or leaving fails this, naming it: the group cannot be listed whole, nor snapshotted.
            var participants = (await snapshots.ParticipantsAsync(BankAccount.Group, cancellationToken)).Count;
            progress.Seen(participants);
            if (participants >= minimum)
                return true;
            if (lost.AnyRemoved)
                return false;
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }

    /// <summary>Prints a run as the table or, with <c>--json</c>, as one JSON object.</summary>
    private static void Print(SnapshotRunSummary run, bool json, IAnsiConsole console, TextWriter output)
    {
        if (json)
            output.WriteLine(JsonSerializer.Serialize(run.ToJson(), new JsonSerializerOptions { WriteIndented = true }));
        else
            SnapshotTable.Write(console, run);
    }
}
