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
    /// <param name="trace">Logs what a diagram of the run draws; null to log nothing.</param>
    public static async Task<SnapshotRunSummary> RunAsync(DemoSettings settings, Action<string> progress, CancellationToken cancellationToken, DemoTrace? trace = null)
    {
        progress($"starting {settings.Nodes} nodes");
        await using var cluster = await LocalCluster.StartAsync(settings.Nodes, cancellationToken);
        var nodes = cluster.Nodes;
        trace?.ClusterStarted(nodes);
        var accounts = Enumerable.Range(0, settings.Accounts)
            .Select(i => nodes[i % nodes.Count].ActorOf(BankAccount.Props(trace?.Transfers), $"account-{i}"))
            .ToArray();
        // Account i lives on node i mod N; each node's accounts register there as they start.
        await Task.WhenAll(nodes.Select((node, n) => GlobalSnapshots.Get(node).WaitForLocalParticipantsAsync(
            settings.Accounts / nodes.Count + (n < settings.Accounts % nodes.Count ? 1 : 0), BankAccount.Group, cancellationToken)));
        var payers = nodes.Select((node, n) => node.ActorOf(
            Payer.Props([.. accounts.Select((account, i) => LocalCluster.Reach(node, nodes[i % nodes.Count], account))], settings.Seed * 1000 + n), "payer")).ToArray();
        progress($"{settings.Accounts} accounts on {settings.Nodes} nodes, transfers running");

        var started = new List<Task<(SnapshotReport? Report, string? Failure)>>();
        // One snapshot at the start of each interval of the run: 10s every 500ms is 20 snapshots.
        var count = Math.Max(1, (int)(settings.Duration / settings.Interval));
        using (var timer = new PeriodicTimer(settings.Interval))
        {
            do
            {
                var node = nodes[started.Count % nodes.Count];
                started.Add(TakeAsync(node, started.Count + 1, progress, cancellationToken));
            }
            while (started.Count < count && await timer.WaitForNextTickAsync(cancellationToken));
        }
        var outcomes = await Task.WhenAll(started);
        foreach (var payer in payers)
            payer.Tell(PoisonPill.Instance);
        return new SnapshotRunSummary(
            [.. outcomes.Where(o => o.Report is not null).Select(o => o.Report!).OrderBy(r => r.Id)],
            [.. outcomes.Where(o => o.Failure is not null).Select(o => o.Failure!)],
            settings.ExpectedTotal);
    }

    private static async Task<(SnapshotReport?, string?)> TakeAsync(ActorSystem node, int sequence, Action<string> progress, CancellationToken cancellationToken)
    {
        try
        {
            var snapshot = await GlobalSnapshots.Get(node).TakeAsync(BankAccount.Group, cancellationToken: cancellationToken);
            var report = SnapshotReport.Of(snapshot, sequence, Cluster.Get(node).SelfAddress);
            progress($"snapshot {report.Id} from {report.Initiator}: {report.Total} in {report.DurationMs:0} ms, {(report.Conserved ? "conserved" : "VIOLATED")}");
            return (report, null);
        }
        catch (SnapshotFailedException e)
        {
            progress($"snapshot failed: {e.Message}");
            return (null, e.Message);
        }
    }
}
