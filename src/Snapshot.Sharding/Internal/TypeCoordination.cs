using Akka.Actor;
using Snapshot.Algorithm.Sharded;

namespace Snapshot.Sharding.Internal;

/// <summary>What the coordinator keeps of one entity type between its snapshots, which run one at a time.</summary>
internal sealed class TypeCoordination
{
    /// <summary>Entities whose shard moved away from the node they passivated on, not started anywhere since.</summary>
    public HandedOffEntities<string, object?> HandedOff { get; } = new();

    /// <summary>The last counts of the nodes that left: what their entities sent may still be on its way.</summary>
    public Dictionary<Address, (long Sent, IReadOnlyDictionary<Address, long> Received)> Departed { get; } = [];

    public long LastSnapshot { get; set; }

    public Queue<TakeSharded> Pending { get; } = new();

    public RunningTake? Running { get; set; }
}
