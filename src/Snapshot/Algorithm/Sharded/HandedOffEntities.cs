namespace Snapshot.Algorithm.Sharded;

/// <summary>
/// The coordinator's table of entities whose shard moved away from the node they passivated on, and that have not started
/// anywhere since: no node holds them, so the coordinator reports them, with the state they handed over. Pure.
/// <para>
/// Why a node's record of an entity always wins over this table's: an entity handed off between snapshots is recorded by
/// a node only once it has started again there, and then its record is its state at that node's cut (any message it
/// handled since it started is in that state, and counted as handled below the cut). While it has not started, what it
/// handed over is its state, and messages to it wait in a region: they are handled after the cut, so in flight. A shard
/// handed off while a snapshot runs fails that snapshot (<c>ShardHandedOff</c>): its entities may be recorded on both sides.
/// </para>
/// </summary>
public sealed class HandedOffEntities<TEntity, TState>
    where TEntity : notnull
{
    private readonly Dictionary<TEntity, (TState State, long Order)> _entities = [];

    public int Count => _entities.Count;

    /// <summary>
    /// <paramref name="entity"/>'s shard moved away from the node it passivated on, which handed it over at
    /// <paramref name="order"/> (its stop time): the later of two hand-offs of one entity is its state.
    /// </summary>
    public void HandedOff(TEntity entity, TState state, long order)
    {
        if (!_entities.TryGetValue(entity, out var known) || known.Order <= order)
            _entities[entity] = (state, order);
    }

    /// <summary><paramref name="entity"/> started on a node that did not hold it: that node reports it from now on.</summary>
    public void Started(TEntity entity) => _entities.Remove(entity);

    /// <summary>
    /// The states of a snapshot: each entity's record from <paramref name="recorded"/>, and each entity here that no node
    /// recorded, with the state it handed over.
    /// </summary>
    public IEnumerable<(TEntity Entity, TState State, bool HandedOver)> Complete(IReadOnlyDictionary<TEntity, TState> recorded) =>
        recorded.Select(r => (r.Key, r.Value, false))
            .Concat(_entities.Where(e => !recorded.ContainsKey(e.Key)).Select(e => (e.Key, e.Value.State, true)));
}
