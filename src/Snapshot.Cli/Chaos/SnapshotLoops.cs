using System.Collections.Concurrent;

namespace Snapshot.Cli.Chaos;

/// <summary>The <see cref="SnapshotLoop"/> of every node that is up: started as nodes join, stopped before a node is crashed.</summary>
public sealed class SnapshotLoops(ChaosCluster cluster, SnapshotTally tally, int seed, Action<string> progress)
{
    private readonly ConcurrentDictionary<ChaosNode, SnapshotLoop> _loops = new();

    public void Start(ChaosNode node) =>
        _loops[node] = SnapshotLoop.Start(node, cluster, tally, new Random(unchecked(seed * 31 + node.Number)), progress);

    public Task StopAsync(ChaosNode node) => _loops.TryRemove(node, out var loop) ? loop.StopAsync() : Task.CompletedTask;

    public Task StopAllAsync() => Task.WhenAll(_loops.Keys.ToArray().Select(StopAsync));
}
