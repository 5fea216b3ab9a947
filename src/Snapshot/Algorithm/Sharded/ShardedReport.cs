namespace Snapshot.Algorithm.Sharded;

/// <summary>
/// What one node's <see cref="ShardedLedger{TNode,TEntity,TState,TMessage}"/> tells the coordinator of a snapshot, in
/// one stream per node that the driver delivers in order (<see cref="ShardedCompletion{TNode,TEntity,TState,TMessage}"/>
/// relies on it): the states its entities recorded, then its counts once all of them have, then each message recorded in
/// flight after that.
/// </summary>
public abstract record ShardedReport<TNode, TEntity, TState, TMessage>(long Snapshot)
    where TNode : notnull
    where TEntity : notnull
{
    /// <summary>
    /// An entity of the node recorded its state, or, <paramref name="Passivated"/>, the node recorded for the entity the state
    /// it handed over when it passivated. <paramref name="Fresh"/>: the entity started on the node while the snapshot was
    /// open there, with nothing handed over there, and recorded what it started with; if it recorded on another node before
    /// its shard moved here, that record is its cut (<see cref="ShardedCompletion{TNode,TEntity,TState,TMessage}"/>).
    /// </summary>
    public sealed record Recorded(long Snapshot, TEntity Entity, TState State, bool Passivated = false, bool Fresh = false) : ShardedReport<TNode, TEntity, TState, TMessage>(Snapshot);

    /// <summary>
    /// Every entity the node had when the snapshot opened there has recorded: <paramref name="Sent"/> messages were sent
    /// through the regions by the node's entities before they recorded, final now, and of those sent before their
    /// senders recorded, <paramref name="Received"/> counts by sender node the ones the node's entities have handled.
    /// </summary>
    public sealed record Counted(long Snapshot, long Sent, IReadOnlyDictionary<TNode, long> Received) : ShardedReport<TNode, TEntity, TState, TMessage>(Snapshot);

    /// <summary>A message sent before its sender recorded and handled after its receiver recorded: in flight at the cut.</summary>
    public sealed record InFlight(long Snapshot, TNode SenderNode, RecordedMessage<TEntity, TMessage> Message) : ShardedReport<TNode, TEntity, TState, TMessage>(Snapshot);
}
