using Snapshot.Cli.Demo;

namespace Snapshot.Cli.Bench;

/// <summary>
/// Runs <c>snapshot bench scale</c>: for each idle graph in an ActorSystem of its own, a series of snapshots with
/// every participant initiating and one with the first, and what one result holds; then for each bank size a
/// cluster of its own, warmed up with transfers and a snapshot from each node, then transfers under back-to-back
/// snapshots while the protocol traffic between the nodes and their unreachable events are counted.
/// </summary>
public static class ScaleRun
{
    public static async Task<ScaleReport> RunAsync(ScaleSettings settings, Action<string> progress, CancellationToken cancellationToken)
    {
        var local = new List<LocalScale>();
        foreach (var topology in settings.Topologies)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress($"local: starting {topology.Size:N0} participants in a {topology.Name} graph");
            await using var graph = await LatencyWorkload.StartAsync(topology);
            foreach (var singleInitiator in new[] { false, true })
            {
                cancellationToken.ThrowIfCancellationRequested();
                var initiator = singleInitiator ? "one" : "all";
                progress($"local: {topology.Name} {topology.Size:N0}, initiator {initiator}, {settings.LocalSnapshots} snapshots");
                var series = await graph.TimeSnapshotsAsync(singleInitiator, settings.LocalSnapshots);
                var (bytes, channels) = await graph.HeldAsync(singleInitiator);
                local.Add(new LocalScale(topology, initiator, series, channels, bytes));
            }
        }
        var cluster = new List<ClusterScale>();
        foreach (var accounts in settings.Accounts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            cluster.Add(await ClusterAsync(accounts, settings, progress, cancellationToken));
        }
        return new ScaleReport(local, cluster);
    }

    private static async Task<ClusterScale> ClusterAsync(int accounts, ScaleSettings settings, Action<string> progress, CancellationToken cancellationToken)
    {
        progress($"cluster: starting {ScaleSettings.Nodes} nodes on loopback with {accounts:N0} accounts");
        await using var bank = await BankWorkload.StartRemoteAsync(ScaleSettings.Nodes, accounts, cancellationToken);
        using var unreachable = UnreachableEvents.Watch(bank.Systems);
        // Remoting's connections open and the group's layout reaches every node on the first snapshots; the
        // traffic measured is what each further snapshot costs.
        progress($"cluster: {accounts:N0} accounts, warming up for {settings.WarmUp.TotalSeconds:0.#} s");
        await bank.RunForAsync(settings.WarmUp, snapshotting: true);
        var before = ProtocolCount.SentBy(bank.Systems);
        progress($"cluster: {accounts:N0} accounts, back-to-back snapshots from each node in turn under transfers for {settings.Phase.TotalSeconds:0.#} s");
        var run = await bank.RunForAsync(settings.Phase, snapshotting: true);
        return new ClusterScale(accounts, bank.Nodes, bank.Chains, run.Throughput, run.Snapshots, unreachable.Count, ProtocolCount.SentBy(bank.Systems) - before);
    }
}
