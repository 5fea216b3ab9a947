using System.Collections.Concurrent;

namespace Snapshot.Cli.Chaos;

/// <summary>The <see cref="SnapshotLoop"/> of every node that is up: started as nodes join, stopped before a node is crashed.</summary>
public sealed class SnapshotLoops(ChaosCluster cluster, SnapshotTally tally, int seed, Action<string> progress)
{
    private readonly ConcurrentDictionary<ChaosNode, SnapshotLoop> _loops = new();

    public void Start(ChaosNode node) =>
        _loops[node] = SnapshotLoop.Start(node, cluster, tally, new Random(unchecked(seed * 31 + node.Number)), progress);

    /// <summary>Has <paramref name="account"/> initiate the next snapshot of its node's loop and fail as it records for it; false when its node has no loop.</summary>
    public bool FailNextInitiator(AccountHandle account)
    {
        if (!_loops.TryGetValue(account.Home, out var loop))
            return false;
        loop.FailNextInitiator(account);
        return true;
    }

    public Task StopAsync(ChaosNode node) => _loops.TryRemove(node, out var loop) ? loop.StopAsync() : Task.CompletedTask;

    public Task StopAllAsync() => Task.WhenAll(_loops.Keys.ToArray().Select(StopAsync));
}
