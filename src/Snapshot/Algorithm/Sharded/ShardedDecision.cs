namespace Snapshot.Algorithm.Sharded;

/// <summary>What an entity does with a message it is about to handle (<see cref="ShardedLedger{TNode,TEntity,TState,TMessage}.OnMessage"/>).</summary>
public enum ShardedDecision
{
    /// <summary>Handle it; the ledger has counted it, and recorded it in flight if it was.</summary>
    Handle,

    /// <summary>Record the entity's state first (<see cref="ShardedLedger{TNode,TEntity,TState,TMessage}.Recorded"/>), then handle it: it was sent after its sender recorded.</summary>
    RecordFirst,
}
