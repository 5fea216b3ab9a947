using Akka.Actor;
using Akka.Cluster.Sharding;
using Snapshot.Algorithm.Sharded;

namespace Snapshot.Sharding.Internal;

/// <summary>
/// The driver of one node's <see cref="ShardedLedger{TNode,TEntity,TState,TMessage}"/> for one entity type. Entities call
/// it from their own threads, as they start, tell, handle and stop; a lock serialises the calls, as the ledger asks, and
/// under it the host carries out what each call returned: initiates to the entities a snapshot opened for, and reports to
/// the node's <see cref="ShardedSnapshotsActor"/>, told in the ledger's order.
/// </summary>
internal sealed class EntityHost(string typeName, Address node, IActorRef nodeActor, IMessageExtractor extractor)
{
    private readonly Lock _lock = new();
    private readonly ShardedLedger<Address, string, object?, object> _ledger = new(node);
    private readonly Dictionary<string, IActorRef> _live = [];
    // The shard of each entity this node holds, live or passivated: a shard that stops takes its passivated entities with it.
    private readonly Dictionary<string, string> _shardOf = [];
    private readonly HashSet<string> _shards = [];

    public string TypeName { get; } = typeName;

    public Address Node { get; } = node;

    public long LastOpened
    {
        get
        {
            lock (_lock)
                return _ledger.LastOpened;
        }
    }

    /// <summary>The entity started here. True when it must record before it handles anything.</summary>
    public bool Started(string entityId, string shardId, IActorRef entity, IActorRef shard)
    {
        lock (_lock)
        {
            if (!_shardOf.ContainsKey(entityId))
                nodeActor.Tell(new StartedFresh(TypeName, entityId));
            _shardOf[entityId] = shardId;
            _live[entityId] = entity;
            if (_shards.Add(shardId))
                nodeActor.Tell(new WatchShard(TypeName, shardId, shard));
            var recordFirst = _ledger.Started(entityId);
            CarryOut();
            return recordFirst;
        }
    }

    public bool Initiated(string entityId)
    {
        lock (_lock)
            return _ledger.Initiated(entityId);
    }

    public void Recorded(string entityId, object? state)
    {
        lock (_lock)
        {
            _ledger.Recorded(entityId, state);
            CarryOut();
        }
    }

    public long Send(string entityId)
    {
        lock (_lock)
            return _ledger.Send(entityId);
    }

    public ShardedDecision OnMessage(string entityId, ColouredMessage message)
    {
        lock (_lock)
        {
            var decision = _ledger.OnMessage(entityId, message.SenderNode, message.SenderEntity, message.Epoch, message.Message);
            CarryOut();
            return decision;
        }
    }

    /// <summary>A region or shard of this node dropped <paramref name="message"/> to dead letters: it will never be handled.</summary>
    public void Dropped(ColouredMessage message)
    {
        var receiver = extractor.EntityId(message) ?? "";
        lock (_lock)
        {
            _ledger.Dropped(receiver, message.SenderNode, message.SenderEntity, message.Epoch, message.Message);
            CarryOut();
        }
    }

    public void Passivated(string entityId, object? state)
    {
        lock (_lock)
        {
            _live.Remove(entityId);
            _ledger.Passivated(entityId, state);
            CarryOut();
        }
    }

    public void Open(long snapshot)
    {
        lock (_lock)
        {
            _ledger.Open(snapshot);
            CarryOut();
        }
    }

    public void Close(long snapshot)
    {
        lock (_lock)
            _ledger.Close(snapshot);
    }

    /// <summary>
    /// The shard stopped here (handed off, or its region stopped): its passivated entities leave this node's ledger, with
    /// what they handed over, and the snapshot open here, if any, cannot trust where they are.
    /// </summary>
    public (IReadOnlyList<HandedOffEntity> HandedOff, long? Open) ShardStopped(string shardId, long order)
    {
        lock (_lock)
        {
            _shards.Remove(shardId);
            var handedOff = new List<HandedOffEntity>();
            foreach (var (entityId, shard) in _shardOf.ToArray())
            {
                if (shard != shardId || _live.ContainsKey(entityId))
                    continue;
                _shardOf.Remove(entityId);
                if (_ledger.HandOff(entityId, out var state))
                    handedOff.Add(new HandedOffEntity(entityId, state, order));
            }
            return (handedOff, _ledger.OpenSnapshot);
        }
    }

    public (long Sent, IReadOnlyDictionary<Address, long> Received) Totals()
    {
        lock (_lock)
            return _ledger.Totals();
    }

    /// <summary>Under the lock: the initiates of a snapshot just opened, then the reports, so that both keep the ledger's order.</summary>
    private void CarryOut()
    {
        foreach (var entityId in _ledger.TakeInitiations())
        {
            if (_live.TryGetValue(entityId, out var entity))
                entity.Tell(InitiateEntity.Instance, ActorRefs.NoSender);
        }
        var reports = _ledger.TakeReports();
        if (reports.Count > 0)
            nodeActor.Tell(new ReportsReady(TypeName, reports));
    }
}
