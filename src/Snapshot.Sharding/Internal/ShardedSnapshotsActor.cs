using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Snapshot.Algorithm;
using Snapshot.Algorithm.Sharded;
using Snapshot.Runtime;

namespace Snapshot.Sharding.Internal;

/// <summary>
/// Each node's actor of Snapshot.Sharding, at <c>/system/snapshot-sharding</c>. As a node, it carries its hosts' reports to
/// the coordinator of the snapshot they are for, opens and closes snapshots on its hosts, and watches the shards its
/// entities live in. On the oldest member it is also the coordinator of every entity type's snapshots: one at a time per
/// type, numbered from what the nodes opened last, completed by <see cref="ShardedCompletion{TNode,TEntity,TState,TMessage}"/>.
/// </summary>
internal sealed class ShardedSnapshotsActor : ReceiveActor, IWithTimers
{
    public const string Name = "snapshot-sharding";

    private readonly Func<string, EntityHost?> _hostOf;
    private readonly Func<IEnumerable<EntityHost>> _hosts;
    private readonly int _reportsPerMessage;
    private readonly Cluster _cluster = Cluster.Get(Context.System);
    private readonly ILoggingAdapter _log = Context.GetLogger();

    // As a node: by type, the snapshot open here and its coordinator, and the reports not yet sent, in order.
    private readonly Dictionary<string, (long Snapshot, IActorRef Coordinator)> _coordinators = [];
    private readonly Dictionary<string, List<ShardedReport<Address, string, object?, object>>> _outbox = [];
    private readonly Dictionary<string, List<string>> _startedFresh = [];
    // A shard that stopped while a snapshot was open here before its coordinator's open arrived: told once it does.
    private readonly Dictionary<string, NodeFailed> _failedBeforeOpen = [];
    private readonly Dictionary<IActorRef, (string TypeName, string ShardId)> _shards = [];
    private bool _flushing;
    // Set once the node is leaving: its counts went to the coordinator, and go again after every message dropped here.
    private bool _left;

    // As the coordinator.
    private readonly Dictionary<string, TypeCoordination> _types = [];
    // The actors of the nodes that answered, to open and close snapshots on.
    private readonly Dictionary<Address, IActorRef> _answerers = [];

    public ShardedSnapshotsActor(Func<string, EntityHost?> hostOf, Func<IEnumerable<EntityHost>> hosts, int reportsPerMessage)
    {
        _hostOf = hostOf;
        _hosts = hosts;
        _reportsPerMessage = reportsPerMessage;
        Node();
        Coordinator();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private Address SelfNode => _cluster.SelfAddress;

    public static Props Props(Func<string, EntityHost?> hostOf, Func<IEnumerable<EntityHost>> hosts, int reportsPerMessage) =>
        Akka.Actor.Props.Create(() => new ShardedSnapshotsActor(hostOf, hosts, reportsPerMessage));

    public static ActorSelection On(ActorSystem system, Address node) =>
        system.ActorSelection(new RootActorPath(node) / "system" / Name);

    protected override void PreStart()
    {
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.MemberRemoved), typeof(ClusterEvent.UnreachableMember));
        // Akka.Cluster.Sharding delivers at most once: a shard handed off with messages in its mailbox, a full region
        // buffer, drop them to dead letters. Each is counted as handled, or no later snapshot could complete.
        Context.System.EventStream.Subscribe(Self, typeof(AllDeadLetters));
    }

    protected override void PostStop()
    {
        _cluster.Unsubscribe(Self);
        Context.System.EventStream.Unsubscribe(Self);
    }

    private void Node()
    {
        Receive<AskOpened>(ask =>
        {
            var host = _hostOf(ask.TypeName);
            Sender.Tell(new OpenedHere(ask.TypeName, ask.Request, SelfNode, host is not null, host?.LastOpened ?? 0));
        });
        Receive<OpenSharded>(open =>
        {
            _coordinators[open.TypeName] = (open.Snapshot, Sender);
            _hostOf(open.TypeName)?.Open(open.Snapshot);
            if (_failedBeforeOpen.Remove(open.TypeName, out var failed) && failed.Snapshot == open.Snapshot)
                Sender.Tell(failed);
            Flush();
        });
        Receive<CloseSharded>(close =>
        {
            _hostOf(close.TypeName)?.Close(close.Snapshot);
            if (_outbox.TryGetValue(close.TypeName, out var reports))
                reports.RemoveAll(r => r.Snapshot <= close.Snapshot);
            if (_coordinators.TryGetValue(close.TypeName, out var known) && known.Snapshot == close.Snapshot)
                _coordinators.Remove(close.TypeName);
        });
        Receive<ReportsReady>(ready =>
        {
            (_outbox.TryGetValue(ready.TypeName, out var reports) ? reports : _outbox[ready.TypeName] = []).AddRange(ready.Reports);
            FlushSoon();
        });
        Receive<StartedFresh>(started =>
        {
            (_startedFresh.TryGetValue(started.TypeName, out var ids) ? ids : _startedFresh[started.TypeName] = []).Add(started.EntityId);
            FlushSoon();
        });
        Receive<FlushOutbox>(_ =>
        {
            _flushing = false;
            Flush();
        });
        Receive<WatchShard>(watch =>
        {
            _shards[watch.Shard] = (watch.TypeName, watch.ShardId);
            Context.Watch(watch.Shard);
        });
        Receive<AllDeadLetters>(dead =>
        {
            if (dead.Message is not ColouredMessage coloured || _hostOf(coloured.TypeName) is not { } host)
                return;
            host.Dropped(coloured);
            if (_left)
                SendLeftCounts(host);
        });
        Receive<LeaveCounts>(_ =>
        {
            _left = true;
            foreach (var host in _hosts())
                SendLeftCounts(host);
            Sender.Tell(Akka.Done.Instance);
        });
        Receive<Terminated>(terminated =>
        {
            if (_shards.Remove(terminated.ActorRef, out var shard))
                ShardStopped(shard.TypeName, shard.ShardId);
        });
    }

    private void SendLeftCounts(EntityHost host)
    {
        var (sent, received) = host.Totals();
        Oldest().Tell(new NodeLeft(host.TypeName, host.Node, sent, received));
    }

    private void ShardStopped(string typeName, string shardId)
    {
        if (_hostOf(typeName) is not { } host)
            return;
        var (handedOff, open) = host.ShardStopped(shardId, DateTime.UtcNow.Ticks);
        if (handedOff.Count > 0)
            Oldest().Tell(new EntitiesHandedOff(typeName, handedOff));
        if (open is not { } snapshot)
            return;
        var failed = new NodeFailed(typeName, snapshot, SelfNode, SnapshotFailureReason.ShardHandedOff,
            $"shard '{shardId}' of '{typeName}' stopped on {SelfNode} while snapshot {snapshot} ran (handed off to another node, or its region stopped)");
        if (_coordinators.TryGetValue(typeName, out var known) && known.Snapshot == snapshot)
            known.Coordinator.Tell(failed);
        else
            _failedBeforeOpen[typeName] = failed;
    }

    private void FlushSoon()
    {
        if (_flushing)
            return;
        _flushing = true;
        Self.Tell(FlushOutbox.Instance);
    }

    /// <summary>Sends each type's reports for the snapshot whose coordinator is known, in order and in batches; later ones wait for their open.</summary>
    private void Flush()
    {
        foreach (var (typeName, reports) in _outbox)
        {
            if (reports.Count == 0 || !_coordinators.TryGetValue(typeName, out var known))
                continue;
            var ready = reports.Where(r => r.Snapshot == known.Snapshot).ToList();
            reports.RemoveAll(r => r.Snapshot <= known.Snapshot);
            foreach (var batch in ready.Chunk(_reportsPerMessage))
                known.Coordinator.Tell(new NodeReports(typeName, known.Snapshot, SelfNode, batch));
        }
        foreach (var (typeName, ids) in _startedFresh)
        {
            if (ids.Count == 0)
                continue;
            foreach (var batch in ids.Chunk(_reportsPerMessage * 10))
                Oldest().Tell(new EntitiesStarted(typeName, batch));
            ids.Clear();
        }
    }

    private void Coordinator()
    {
        Receive<TakeSharded>(take =>
        {
            if (!take.Forwarded && OldestMember() is { } oldest && oldest != SelfNode)
            {
                On(Context.System, oldest).Tell(take with { Forwarded = true });
                return;
            }
            var type = TypeOf(take.TypeName);
            type.Pending.Enqueue(take);
            StartNext(take.TypeName, type);
        });
        Receive<OpenedHere>(answer =>
        {
            if (!_types.TryGetValue(answer.TypeName, out var type) || type.Running is not { Completion: null } running || running.Request != answer.Request)
                return;
            running.Answers.Add(answer);
            running.Unanswered.Remove(answer.Node);
            _answerers[answer.Node] = Sender;
            if (running.Unanswered.Count == 0)
                Open(answer.TypeName, type, running);
        });
        Receive<NodeReports>(reports =>
        {
            if (!_types.TryGetValue(reports.TypeName, out var type) || type.Running?.Completion is not { } completion || completion.Snapshot != reports.Snapshot)
                return;
            try
            {
                foreach (var report in reports.Reports)
                {
                    if (completion.Report(reports.Node, report))
                    {
                        Complete(reports.TypeName, type, type.Running);
                        return;
                    }
                }
            }
            catch (SnapshotProtocolException e)
            {
                Fail(reports.TypeName, type, SnapshotFailureReason.LayoutUnknown, e.Message);
            }
        });
        Receive<NodeFailed>(failed =>
        {
            if (_types.TryGetValue(failed.TypeName, out var type) && type.Running?.Completion?.Snapshot == failed.Snapshot)
                Fail(failed.TypeName, type, failed.Reason, failed.Detail);
        });
        Receive<EntitiesHandedOff>(handedOff =>
        {
            var entities = TypeOf(handedOff.TypeName).HandedOff;
            foreach (var entity in handedOff.Entities)
                entities.HandedOff(entity.EntityId, entity.State, entity.Order);
        });
        Receive<EntitiesStarted>(started =>
        {
            var entities = TypeOf(started.TypeName).HandedOff;
            foreach (var id in started.EntityIds)
                entities.Started(id);
        });
        Receive<NodeLeft>(left => TypeOf(left.TypeName).Departed[left.Node] = (left.Sent, left.Received));
        Receive<TakeTimedOut>(timedOut =>
        {
            if (_types.TryGetValue(timedOut.TypeName, out var type) && type.Running?.Request == timedOut.Request)
                Fail(timedOut.TypeName, type, SnapshotFailureReason.Timeout, TimeoutDetail(type.Running));
        });
        Receive<ClusterEvent.MemberRemoved>(removed => NodeLost(removed.Member.Address, SnapshotFailureReason.NodeLeft, "left the cluster"));
        Receive<ClusterEvent.UnreachableMember>(unreachable => NodeLost(unreachable.Member.Address, SnapshotFailureReason.NodeUnreachable, "became unreachable"));
    }

    private TypeCoordination TypeOf(string typeName) =>
        _types.TryGetValue(typeName, out var type) ? type : _types[typeName] = new TypeCoordination();

    private void StartNext(string typeName, TypeCoordination type)
    {
        if (type.Running is not null || !type.Pending.TryDequeue(out var take))
            return;
        var members = _cluster.State.Members
            .Where(m => m.Status == MemberStatus.Up && !type.Departed.ContainsKey(m.Address))
            .Select(m => m.Address)
            .ToList();
        if (!members.Contains(SelfNode))
            members.Add(SelfNode);
        var running = type.Running = new RunningTake(take, members);
        Timers.StartSingleTimer((typeName, running.Request), new TakeTimedOut(typeName, running.Request), take.Timeout);
        var ask = new AskOpened(typeName, running.Request);
        foreach (var member in members)
            On(Context.System, member).Tell(ask);
    }

    /// <summary>
    /// Every member answered: the snapshot takes the next number after every one opened anywhere, spans the nodes that host
    /// the type, and counts the nodes that left with their last counts, as their messages may still be on their way.
    /// </summary>
    private void Open(string typeName, TypeCoordination type, RunningTake running)
    {
        var hosting = running.Answers.Where(a => a.Hosting).Select(a => a.Node).ToList();
        if (hosting.Count == 0)
        {
            Fail(typeName, type, SnapshotFailureReason.NoParticipants, $"no member of the cluster hosts entity type '{typeName}': start its region with ShardedSnapshots.StartAsync");
            return;
        }
        var snapshot = type.LastSnapshot = Math.Max(type.LastSnapshot, running.Answers.Max(a => a.LastOpened)) + 1;
        var completion = running.Completion = new ShardedCompletion<Address, string, object?, object>(snapshot, hosting.Concat(type.Departed.Keys));
        foreach (var (node, (sent, received)) in type.Departed)
            completion.Report(node, new ShardedReport<Address, string, object?, object>.Counted(snapshot, sent, received));
        running.Nodes = [.. hosting.Select(node => (node, _answerers[node]))];
        var open = new OpenSharded(typeName, snapshot);
        foreach (var (_, actor) in running.Nodes)
            actor.Tell(open);
    }

    private void Complete(string typeName, TypeCoordination type, RunningTake running)
    {
        var completion = running.Completion!;
        var entities = type.HandedOff.Complete(completion.States)
            .Select(e => new EntitySnapshot(e.Entity, e.State, e.HandedOver || completion.Passivated.Contains(e.Entity)))
            .OrderBy(e => e.EntityId, StringComparer.Ordinal)
            .ToList();
        var snapshot = new ShardedSnapshot(completion.Snapshot, typeName, entities,
            [.. completion.InFlight.Select(m => new EntityMessage(m.From, m.To, m.Message))],
            [.. running.Nodes.Select(n => n.Node)], running.StartedAt, DateTimeOffset.UtcNow);
        End(typeName, type, running, snapshot);
    }

    private void Fail(string typeName, TypeCoordination type, SnapshotFailureReason reason, string detail)
    {
        var running = type.Running!;
        _log.Info("Snapshot {0} of entity type '{1}' failed ({2}): {3}", running.Completion?.Snapshot, typeName, reason, detail);
        End(typeName, type, running, new ShardedTakeFailed(typeName, running.Completion?.Snapshot, reason, detail));
    }

    private void End(string typeName, TypeCoordination type, RunningTake running, object answer)
    {
        Timers.Cancel((typeName, running.Request));
        if (running.Completion is { } completion)
        {
            var close = new CloseSharded(typeName, completion.Snapshot);
            foreach (var (_, actor) in running.Nodes)
                actor.Tell(close);
        }
        running.Take.ReplyTo.Tell(answer);
        type.Running = null;
        StartNext(typeName, type);
    }

    private void NodeLost(Address node, SnapshotFailureReason reason, string how)
    {
        foreach (var (typeName, type) in _types.ToArray())
        {
            if (type.Running is not { } running)
                continue;
            if (running.Completion is null)
            {
                if (running.Unanswered.Remove(node) && running.Unanswered.Count == 0)
                    Open(typeName, type, running);
            }
            else if (running.Nodes.Any(n => n.Node == node))
                Fail(typeName, type, reason, $"node {node}, which hosts entities of '{typeName}', {how} while snapshot {running.Completion.Snapshot} ran");
        }
    }

    private static string TimeoutDetail(RunningTake running)
    {
        if (running.Completion is not { } completion)
            return $"members [{string.Join(", ", running.Unanswered)}] did not say which snapshot they opened last";
        var uncounted = completion.Uncounted.ToList();
        var unhandled = completion.Unhandled.Where(u => u.Value > 0).Select(u => $"{u.Value} sent from {u.Key}").ToList();
        return $"snapshot {completion.Snapshot} was still waiting for " +
            (uncounted.Count > 0 ? $"the counts of nodes [{string.Join(", ", uncounted)}] (entities that had not recorded)" : "") +
            (uncounted.Count > 0 && unhandled.Count > 0 ? " and " : "") +
            (unhandled.Count > 0 ? $"messages sent before the cut that no entity has handled yet: {string.Join(", ", unhandled)} (waiting in a region or shard, or lost)" : "");
    }

    private Address? OldestMember() =>
        _cluster.State.Members.Where(m => m.Status == MemberStatus.Up).OrderBy(m => m, Member.AgeOrdering).FirstOrDefault()?.Address;

    /// <summary>The coordinator: the oldest Up member other than this node when it is leaving.</summary>
    private ActorSelection Oldest()
    {
        var oldest = _cluster.State.Members.Where(m => m.Status == MemberStatus.Up && (!_left || m.Address != SelfNode)).OrderBy(m => m, Member.AgeOrdering).FirstOrDefault();
        return On(Context.System, oldest?.Address ?? SelfNode);
    }

    private sealed record FlushOutbox
    {
        public static readonly FlushOutbox Instance = new();
    }

    private sealed record TakeTimedOut(string TypeName, Guid Request);
}
