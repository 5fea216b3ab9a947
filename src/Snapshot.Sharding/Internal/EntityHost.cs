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
    // The shard actor of each entity this node holds, live or passivated: a shard that stops takes its passivated entities
    // with it. By actor, not id: a shard handed off and started here again is another actor, with its own entities.
    private readonly Dictionary<string, IActorRef> _shardOf = [];
    private readonly HashSet<IActorRef> _shards = [];
    // What waits for the node's actor, which is told once that there is some and takes it all (Drain): one message per
    // burst rather than per entity, so that a snapshot's open is not queued behind thousands of them.
    private readonly List<ShardedReport<Address, string, object?, object>> _reports = [];
    private readonly List<string> _startedFresh = [];
    private bool _told;

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
    public bool Started(string entityId, IActorRef entity, IActorRef shard)
    {
        lock (_lock)
        {
            if (!_shardOf.ContainsKey(entityId))
            {
                _startedFresh.Add(entityId);
                Tell();
            }
            _shardOf[entityId] = shard;
            _live[entityId] = entity;
            if (_shards.Add(shard))
                nodeActor.Tell(new WatchShard(TypeName, shard));
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
    /// what they handed over, for the coordinator to hold until they start again somewhere.
    /// </summary>
    public IReadOnlyList<HandedOffEntity> ShardStopped(IActorRef shard, long order)
    {
        lock (_lock)
        {
            _shards.Remove(shard);
            var handedOff = new List<HandedOffEntity>();
            foreach (var (entityId, entityShard) in _shardOf.ToArray())
            {
                if (!entityShard.Equals(shard) || _live.ContainsKey(entityId))
                    continue;
                _shardOf.Remove(entityId);
                if (_ledger.HandOff(entityId, out var state))
                    handedOff.Add(new HandedOffEntity(entityId, state, order));
            }
            return handedOff;
        }
    }

    public (long Sent, IReadOnlyDictionary<Address, long> Received) Totals()
    {
        lock (_lock)
            return _ledger.Totals();
    }

    /// <summary>The reports, in the ledger's order, and the entities started here without having passivated here, since the last call.</summary>
    public (IReadOnlyList<ShardedReport<Address, string, object?, object>> Reports, IReadOnlyList<string> StartedFresh) Drain()
    {
        lock (_lock)
        {
            _told = false;
            var drained = (_reports.ToArray(), _startedFresh.ToArray());
            _reports.Clear();
            _startedFresh.Clear();
            return drained;
        }
    }

    /// <summary>Under the lock: the initiates of a snapshot just opened, and the reports for the node's actor.</summary>
    private void CarryOut()
    {
        foreach (var entityId in _ledger.TakeInitiations())
        {
            if (_live.TryGetValue(entityId, out var entity))
                entity.Tell(InitiateEntity.Instance, ActorRefs.NoSender);
        }
        var reports = _ledger.TakeReports();
        if (reports.Count == 0)
            return;
        _reports.AddRange(reports);
        Tell();
    }

    private void Tell()
    {
        if (_told)
            return;
        _told = true;
        nodeActor.Tell(new HostReady(TypeName));
    }
}
