using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Snapshot.Algorithm;
using Snapshot.Algorithm.Sharded;
using Snapshot.Runtime;

namespace Snapshot.Sharding.Internal;

/// <summary>
/// The coordinator of every entity type's snapshots, at <c>/system/snapshot-sharding-coordinator</c> on each node; the
/// oldest Up member's coordinates, the others pass requests on to it. One snapshot at a time per type, numbered from what
/// the nodes opened last, opened on every node that hosts the type, completed by
/// <see cref="ShardedCompletion{TNode,TEntity,TState,TMessage}"/> from the nodes' report streams.
/// </summary>
internal sealed class ShardedCoordinator : ReceiveActor, IWithTimers
{
    public const string Name = "snapshot-sharding-coordinator";

    private readonly Cluster _cluster = Cluster.Get(Context.System);
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly SnapshotPieces _pieces = new((ExtendedActorSystem)Context.System);
    private readonly Dictionary<string, TypeCoordination> _types = [];

    public ShardedCoordinator() => Coordinator();

    public ITimerScheduler Timers { get; set; } = null!;

    private Address SelfNode => _cluster.SelfAddress;

    public static ActorSelection On(ActorSystem system, Address node) =>
        system.ActorSelection(new RootActorPath(node) / "system" / Name);

    /// <summary>The oldest Up member, leaving out <paramref name="except"/>; null when there is none.</summary>
    public static Address? OldestUp(Cluster cluster, Address? except = null) =>
        cluster.State.Members.Where(m => m.Status == MemberStatus.Up && m.Address != except).OrderBy(m => m, Member.AgeOrdering).FirstOrDefault()?.Address;

    protected override void PreStart() =>
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.MemberRemoved), typeof(ClusterEvent.UnreachableMember));

    protected override void PostStop() => _cluster.Unsubscribe(Self);

    private void Coordinator()
    {
        Receive<TakeSharded>(take =>
        {
            if (!take.Forwarded && OldestUp(_cluster) is { } oldest && oldest != SelfNode)
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
            running.Answers.Add((answer, Sender));
            running.Unanswered.Remove(answer.Node);
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
                    if (completion.Conflict is { } conflict)
                    {
                        Fail(reports.TypeName, type, SnapshotFailureReason.ShardHandedOff, conflict);
                        return;
                    }
                }
            }
            catch (SnapshotProtocolException e)
            {
                Fail(reports.TypeName, type, SnapshotFailureReason.LayoutUnknown, e.Message);
            }
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
            ShardedSnapshotsActor.On(Context.System, member).Tell(ask);
    }

    /// <summary>
    /// Every member answered: the snapshot takes the next number after every one opened anywhere, spans the nodes that host
    /// the type, and counts the nodes that left with their last counts, as their messages may still be on their way.
    /// </summary>
    private void Open(string typeName, TypeCoordination type, RunningTake running)
    {
        var hosting = running.Answers.Where(a => a.Answer.Hosting).ToList();
        if (hosting.Count == 0)
        {
            Fail(typeName, type, SnapshotFailureReason.NoParticipants, $"no member of the cluster hosts entity type '{typeName}': start its region with ShardedSnapshots.StartAsync");
            return;
        }
        var snapshot = type.LastSnapshot = Math.Max(type.LastSnapshot, running.Answers.Max(a => a.Answer.LastOpened)) + 1;
        running.Nodes = [.. hosting.Select(a => (a.Answer.Node, a.Actor))];
        var completion = running.Completion = new ShardedCompletion<Address, string, object?, object>(snapshot, running.Nodes.Select(n => n.Node).Concat(type.Departed.Keys));
        foreach (var (node, (sent, received)) in type.Departed)
            completion.Report(node, new ShardedReport<Address, string, object?, object>.Counted(snapshot, sent, received));
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
        if (answer is ShardedSnapshot snapshot)
            _pieces.Send(running.Take.ReplyTo, snapshot);
        else
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

    private sealed record TakeTimedOut(string TypeName, Guid Request);
}
