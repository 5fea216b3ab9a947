using Akka.Actor;
using Akka.Cluster;
using Snapshot.Cli.Bank;
using Snapshot.Cli.Reports;
using Snapshot.Runtime;

namespace Snapshot.Cli.Demo;

/// <summary>
/// The main job: a bank spread over a cluster inside this process, random transfers across nodes, and a
/// snapshot every interval, each started on the next node in turn, while the money keeps moving.
/// </summary>
public static class DemoRun
{
    /// <param name="trace">Logs what a diagram of the run draws, and then the snapshots go by markers, which it draws; null to log nothing.</param>
    /// <param name="cancellationToken">Ctrl+C: the run stops, its nodes leave, and it returns the snapshots taken so far, marked interrupted.</param>
    public static async Task<SnapshotRunSummary> RunAsync(DemoSettings settings, Action<string> progress, CancellationToken cancellationToken, DemoTrace? trace = null)
    {
        try
        {
            return await RunOnClusterAsync(settings, progress, cancellationToken, trace);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            progress("interrupted before the first snapshot");
            return new SnapshotRunSummary([], [], settings.ExpectedTotal) { Interrupted = true };
        }
    }

    private static async Task<SnapshotRunSummary> RunOnClusterAsync(DemoSettings settings, Action<string> progress, CancellationToken cancellationToken, DemoTrace? trace)
    {
        progress($"starting {Counted.Of(settings.Nodes, "node")}");
        await using var cluster = await LocalCluster.StartAsync(settings.Nodes, cancellationToken, markersPerChannel: trace is not null);
        using var unreachable = UnreachableEvents.Watch(cluster.Nodes);
        trace?.ClusterStarted(cluster.Nodes);
        var payers = StartPayers(cluster.Nodes, await OpenAccountsAsync(cluster.Nodes, settings, cancellationToken, trace?.Transfers), settings.Seed);
        progress($"{Counted.Of(settings.Accounts, "account")} on {Counted.Of(settings.Nodes, "node")}, transfers running");
        var run = await SnapshotEveryIntervalAsync(cluster.Nodes, settings, progress, cancellationToken);
        foreach (var payer in payers)
            payer.Tell(PoisonPill.Instance);
        return run with { UnreachableEvents = unreachable.Count };
    }

    /// <summary>Opens the accounts, account i on node i mod N, and waits until each has registered on its node.</summary>
    /// <param name="transfers">Where the accounts log their transfers; null to log nothing.</param>
    public static async Task<IReadOnlyList<(ActorSystem Node, IActorRef Account)>> OpenAccountsAsync(IReadOnlyList<ActorSystem> nodes, DemoSettings settings,
        CancellationToken cancellationToken, TransferLog? transfers = null)
    {
        var accounts = Enumerable.Range(0, settings.Accounts)
            .Select(i => (Node: nodes[i % nodes.Count], Account: nodes[i % nodes.Count].ActorOf(BankAccount.Props(transfers), $"account-{i}")))
            .ToArray();
        await Task.WhenAll(nodes.Select(node => GlobalSnapshots.Get(node).WaitForLocalParticipantsAsync(
            accounts.Count(a => a.Node == node), BankAccount.Group, cancellationToken)));
        return accounts;
    }

    /// <summary>A payer on each node ordering transfers between <paramref name="accounts"/>, each reached through remoting unless it is on the payer's node.</summary>
    public static IActorRef[] StartPayers(IReadOnlyList<ActorSystem> nodes, IReadOnlyList<(ActorSystem Node, IActorRef Account)> accounts, int seed) =>
        [.. nodes.Select((node, n) => node.ActorOf(
            Payer.Props([.. accounts.Select(a => LocalCluster.Reach(node, a.Node, a.Account))], seed * 1000 + n), "payer"))];

    /// <summary>One snapshot at the start of each interval (10s every 500ms is 20 snapshots), each started on the next node in turn.</summary>
    public static async Task<SnapshotRunSummary> SnapshotEveryIntervalAsync(IReadOnlyList<ActorSystem> nodes, DemoSettings settings, Action<string> progress, CancellationToken cancellationToken)
    {
        var started = new List<Task<(SnapshotReport? Report, string? Failure)>>();
        var count = Math.Max(1, (long)(settings.Duration / settings.Interval));
        var interrupted = false;
        using (var timer = new PeriodicTimer(settings.Interval))
        {
            try
            {
                do
                {
                    var node = nodes[started.Count % nodes.Count];
                    started.Add(TakeAsync(node, started.Count + 1, progress, cancellationToken));
                }
                while (started.Count < count && await timer.WaitForNextTickAsync(cancellationToken));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                interrupted = true;
                progress($"interrupted: {Counted.Of(started.Count, "snapshot")} started, those in flight cancelled");
            }
        }
        var outcomes = await Task.WhenAll(started);
        return new SnapshotRunSummary(
            [.. outcomes.Where(o => o.Report is not null).Select(o => o.Report!).OrderBy(r => r.Id)],
            [.. outcomes.Where(o => o.Failure is not null).Select(o => o.Failure!)],
            settings.ExpectedTotal) { Interrupted = interrupted };
    }

    /// <returns>The snapshot's report, or why it failed; neither when Ctrl+C cancelled it.</returns>
    private static async Task<(SnapshotReport?, string?)> TakeAsync(ActorSystem node, int sequence, Action<string> progress, CancellationToken cancellationToken)
    {
        try
        {
            var snapshot = await GlobalSnapshots.Get(node).TakeAsync(BankAccount.Group, cancellationToken: cancellationToken);
            var report = SnapshotReport.Of(snapshot, sequence, Cluster.Get(node).SelfAddress);
            progress($"snapshot {report.Id} from {report.Initiator}: {report.Total} in {report.DurationMs:0} ms, {(report.Conserved ? "conserved" : "VIOLATED")}");
            return (report, null);
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is OperationCanceledException or SnapshotFailedException { Reason: SnapshotFailureReason.Cancelled })
        {
            return (null, null);
        }
        catch (SnapshotFailedException e)
        {
            progress($"snapshot failed: {e.Message}");
            return (null, e.Message);
        }
    }
}
