using Akka.Actor;
using Akka.Cluster.Sharding;
using Snapshot.Cli.Demo;
using Snapshot.Runtime;
using Snapshot.Sharding;

namespace Snapshot.Cli.Sharded;

/// <summary>
/// <c>snapshot demo --sharded</c>: a bank of sharded accounts over a cluster inside this process, payments by account id
/// through the regions, accounts passivating when idle, and a snapshot every interval. A third of the way in, one more
/// node joins (shards move to it); two thirds in, it leaves (they move back).
/// </summary>
public static class ShardedDemoRun
{
    // The coordinator balances shards every second rather than every ten, so that they move within a run of seconds.
    private const string NodeConfig = "cluster.sharding.rebalance-interval = 1s";

    public static async Task<ShardedRunSummary> RunAsync(ShardedDemoSettings settings, Action<string> progress, CancellationToken cancellationToken)
    {
        progress($"starting {Counted.Of(settings.Nodes, "node")}");
        await using var cluster = await LocalCluster.StartAsync(settings.Nodes, cancellationToken, extraConfig: NodeConfig);
        var book = new AccountBook(ShardedDemoSettings.OpeningBalance, ShardedDemoSettings.IdleAfter);
        var regions = await Task.WhenAll(cluster.Nodes.Select(node => StartRegionAsync(node, book)));
        var payers = regions.Select((region, n) => cluster.Nodes[n].ActorOf(ShardedPayer.Props(region, settings.Entities, settings.Seed * 1000 + n, perTick: 2), "payer")).ToArray();
        progress($"{Counted.Of(settings.Entities, "account")} sharded over {Counted.Of(settings.Nodes, "node")}, payments running");
        var reports = new List<ShardedSnapshotReport>();
        var failures = new List<string>();
        var interrupted = false;
        ActorSystem? extra = null;
        Task? extraLeft = null;
        try
        {
            var count = Math.Max(1, (long)(settings.Duration / settings.Interval));
            using var timer = new PeriodicTimer(settings.Interval);
            for (var round = 0L; round < count && await timer.WaitForNextTickAsync(cancellationToken); round++)
            {
                if (round == count / 3 && extra is null)
                {
                    extra = await cluster.StartExtraNodeAsync(node => StartRegionAsync(node, book), cancellationToken);
                    progress("a node joined: shards move to it");
                }
                else if (round == 2 * count / 3 && extra is not null && extraLeft is null)
                {
                    extraLeft = CoordinatedShutdown.Get(extra).Run(CoordinatedShutdown.ClusterLeavingReason.Instance);
                    progress("the joined node is leaving: its shards move back");
                }
                await TakeAsync(cluster.Nodes[(int)(round % cluster.Nodes.Count)], settings, reports, failures, progress, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            interrupted = true;
            progress($"interrupted: {Counted.Of(reports.Count, "snapshot")} taken");
        }
        foreach (var payer in payers)
            payer.Tell(PoisonPill.Instance);
        if (extra is not null)
            await (extraLeft ?? CoordinatedShutdown.Get(extra).Run(CoordinatedShutdown.ClusterLeavingReason.Instance));
        return new ShardedRunSummary(reports, failures, settings)
        {
            Interrupted = interrupted,
            EntityStarts = book.Starts,
            EntitiesStarted = book.Accounts,
            ShardsMoved = book.ShardMoves,
            SnapshotsWithExtraNode = reports.Count(r => r.Nodes > settings.Nodes),
        };
    }

    private static Task<IActorRef> StartRegionAsync(ActorSystem node, AccountBook book) =>
        ShardedSnapshots.Get(node).StartAsync(ShardedAccount.TypeName, ShardedAccount.Props(book), ClusterShardingSettings.Create(node), new ShardedAccount.Extractor());

    private static async Task TakeAsync(ActorSystem node, ShardedDemoSettings settings, List<ShardedSnapshotReport> reports, List<string> failures, Action<string> progress,
        CancellationToken cancellationToken)
    {
        try
        {
            var report = ShardedSnapshotReport.Of(await ShardedSnapshots.Get(node).TakeAsync(ShardedAccount.TypeName, TimeSpan.FromSeconds(30), cancellationToken), settings);
            reports.Add(report);
            progress($"snapshot {report.Id}: {report.Live} live, {report.Passivated} passivated, {report.InFlight} in flight, total {report.Total} in {report.DurationMs:0} ms, " +
                (report.Conserved ? "conserved" : "VIOLATED"));
        }
        catch (SnapshotFailedException e) when (!cancellationToken.IsCancellationRequested)
        {
            failures.Add($"{e.Reason}: {e.Message}");
            progress($"snapshot failed ({e.Reason}): {e.Message}");
        }
    }
}
