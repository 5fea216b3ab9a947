using Akka.Actor;
using Akka.Event;
using Snapshot.Algorithm;
using Snapshot.Restore;
using Snapshot.Restore.Internal;
using Snapshot.Runtime.Diagnostics;
using Snapshot.Runtime.Internal;

namespace Snapshot.Runtime.Participants;

/// <summary>
/// Makes an actor a snapshot participant. <see cref="SnapshotReceiveActor"/> and <see cref="SnapshotUntypedActor"/>
/// use it for you; an actor that cannot change its base class (a <c>ReceivePersistentActor</c>, say) creates
/// one in its constructor (<c>new SnapshotParticipant(this, Context, () =&gt; state)</c>) and routes its
/// message loop through it:
/// <code>
/// protected override bool AroundReceive(Receive receive, object message) =>
///     _snapshots.AroundReceive(receive, message, base.AroundReceive);
/// </code>
/// Recording happens when the actor's handler is about to run, so a message an actor holds back (its own
/// stash, or a persistent actor's stash while it persists) is counted once, when it is really handled.
/// Markers are consumed here; user handlers never see them.
/// <para>
/// A persistent actor must apply the changes <c>captureState</c> reads with <c>Persist</c>, not <c>PersistAsync</c>:
/// with <c>PersistAsync</c> it handles the next message, a marker included, before the event handler has applied
/// the change, so the recorded state misses a message that is no longer on any channel.
/// </para>
/// </summary>
public sealed class SnapshotParticipant
{
    private readonly ActorBase _actor;
    private readonly ActorCell _cell;
    private readonly Func<object?> _captureState;
    private readonly IActorRef _coordinator;
    private readonly Guid _incarnation = Guid.NewGuid();
    private readonly Dictionary<SnapshotKey, ActiveSnapshot> _active = [];
    private readonly FinishedSnapshots _finished;
    // Set when the actor's mailbox stamps its messages: then a snapshot of a group that declares no channels needs no
    // marker per channel (the stamped protocol), and this participant's one stamped process records for all of them.
    private readonly StampedMessageQueue? _mailbox;
    private readonly NodeStamps? _stamps;
    private readonly StampedProcess<IActorRef, object, SnapshotKey>? _stamped;
    // Stamped: messages from members that left the mailbox without reaching the handler while a snapshot was open (a
    // persistent actor's internal stash while it persists, a restore's hold), with the stamp they came in with. They
    // come back from the front of the mailbox, which reads 0 ("sent before anything now recording"): a message sent
    // after its sender recorded would then be handled without recording first, or recorded as in flight, and counted twice.
    private List<(object Message, IActorRef Sender, long Stamp)>? _heldBack;
    // The stamp of the message being handled: its mailbox's, or the one it first came in with.
    private long _stamp;
    private bool _reachedHandler;
    private readonly ILoggingAdapter _log;
    private readonly IgnoredMessages _ignored;
    private readonly Receive _handle;
    private Receive? _receiving;
    private SnapshotProcess<IActorRef, object>? _process;
    private MarkerRoute? _route;
    private Guid _processLayout;
    private StashTracker? _stash;
    private bool _stashLookedFor;
    private ReplayHold? _hold;
    // Set for an entity of a region Snapshot.Sharding started: it takes part through its region, not by ref.
    private readonly IEntityParticipation? _entity;

    /// <param name="actor">The actor itself (<c>this</c>), whose stash, if it has one, is part of its recorded state.</param>
    /// <param name="context">The actor's <c>Context</c>, from its constructor.</param>
    /// <param name="captureState">
    /// Called inside the actor's message loop at the moment it records: return an immutable value or a copy,
    /// never a collection the actor goes on changing.
    /// </param>
    /// <param name="group">The group to join; <c>akka.snapshot.default-group</c> when null.</param>
    /// <param name="channels">The participants this actor tells; null (the default) for every participant of its group.</param>
    /// <param name="restoredFrom">
    /// The ticket a restore's factory was given for this actor (<see cref="RestoringParticipant.Ticket"/>): the actor then
    /// handles its replay before anything else. Null for an actor that is not being restored; a spent ticket (an instance
    /// restarted after its replay) changes nothing.
    /// </param>
    public SnapshotParticipant(ActorBase actor, IActorContext context, Func<object?> captureState, string? group = null, IEnumerable<IActorRef>? channels = null,
        RestoreTicket? restoredFrom = null)
    {
        _actor = actor;
        _cell = context as ActorCell ?? throw new ArgumentException("needs the actor's own Context", nameof(context));
        _captureState = captureState;
        var snapshots = GlobalSnapshots.Get(context.System);
        _coordinator = snapshots.Coordinator;
        _ignored = snapshots.Ignored;
        _log = context.GetLogger();
        Group = group ?? snapshots.Settings.DefaultGroup;
        _handle = message => Handle(_receiving!, message);
        if (_cell.Mailbox?.MessageQueue is StampedMessageQueue mailbox)
        {
            _mailbox = mailbox;
            _stamps = NodeStamps.Get(context.System);
            _stamped = new StampedProcess<IActorRef, object, SnapshotKey>(_cell.Self, _stamps.Ledger);
        }
        _finished = new FinishedSnapshots(_stamped);
        _entity = snapshots.EntityHosting?.Adopt(_cell, captureState, group);
        if (_entity is not null)
        {
            Group = _entity.Group;
            return;
        }
        RefuseUnhostedEntity(_cell.Self.Path);
        if (restoredFrom is { IsSpent: false })
            _hold = new ReplayHold(restoredFrom, _cell, Group);
        DeclareChannels(channels);
    }

    public string Group { get; }

    /// <summary>True while a snapshot is recording this participant's incoming channels.</summary>
    public bool IsRecording => _active.Count > 0;

    /// <summary>Declares which participants this actor tells from now on; null for every participant of its group.</summary>
    public void DeclareChannels(IEnumerable<IActorRef>? channels) =>
        (_entity is null ? _coordinator : throw new InvalidOperationException($"{_cell.Self.Path} is a sharded entity: its channels are the messages it tells through its region")).Tell(new Register(Group, _cell.Self, _incarnation, channels?.ToArray(), Stamped: _mailbox is not null), _cell.Self);

    /// <summary>
    /// Starts a snapshot of this participant's group with this participant as initiator. The
    /// <see cref="GlobalSnapshot"/>, or a <see cref="Status.Failure"/> with a <see cref="SnapshotFailedException"/>,
    /// is sent to <paramref name="replyTo"/> (this actor when null).
    /// </summary>
    public void TakeSnapshot(IActorRef? replyTo = null, TimeSpan? timeout = null) =>
        (_entity is null ? _coordinator : throw new InvalidOperationException($"{_cell.Self.Path} is a sharded entity: take snapshots of its type with ShardedSnapshots.TakeAsync")).Tell(new Take(Group, _cell.Self, timeout ?? GlobalSnapshots.Get(_cell.System).Settings.DefaultTimeout, replyTo ?? _cell.Self, Guid.NewGuid()));

    /// <summary>
    /// Call when the actor stops or restarts (the participant base classes do, from <c>AroundPostStop</c> and
    /// <c>AroundPreRestart</c>): what it was recording is lost with it, so its parts' spans end as failed. The
    /// coordinator, which watches it, fails the snapshots themselves.
    /// </summary>
    public void Stopped()
    {
        if (_entity is not null)
        {
            _entity.Stopped();
            return;
        }
        foreach (var active in _active.Values.ToArray())
        {
            active.Trace?.Failed(SnapshotFailureReason.ParticipantStopped, $"{_cell.Self.Path.Name} stopped while recording");
            Finish(active);
        }
    }

    /// <summary>Call from the actor's <c>AroundReceive</c> override, passing <c>base.AroundReceive</c> as <paramref name="next"/>.</summary>
    public bool AroundReceive(Receive receive, object message, Func<Receive, object, bool> next)
    {
        if (_entity is not null)
            return _entity.AroundReceive(receive, message, next);
        if (!_stashLookedFor)
            TrackStash();
        // The path of every message while nothing is recording: no allocation, no lookup.
        if (_active.Count == 0 && message is not ISnapshotProtocolMessage && _stash?.HasMessagesComingBack != true && _hold is null
            && _stamps?.Ledger.HasOpenSnapshots != true)
        {
            // Nothing open and nothing recording: every tick to come is above every stamp held back, as 0 is.
            if (_heldBack is { Count: > 0 })
                _heldBack.Clear();
            return next(receive, message);
        }
        if (_mailbox is not null)
            _stamp = StampOf(message);
        if (_hold is not null && _hold.Take(message))
        {
            HoldBack(message);
            if (_hold.IsReleased)
                _hold = null;
            return true;
        }
        return AroundReceiveRecording(receive, message, next);
    }

    /// <summary>
    /// An entity of a region that Akka.Cluster.Sharding started without Snapshot.Sharding (<c>/system/sharding/type/shard/entity</c>):
    /// its messages carry no colour, so as an actor addressed by ref it would fail every snapshot when it passivates,
    /// and the money on its way through the regions would be missing from every cut.
    /// </summary>
    private static void RefuseUnhostedEntity(ActorPath path)
    {
        if (EntityPath.TypeName(path) is { } typeName)
            throw new InvalidOperationException(
                $"{path} is a snapshot participant and an entity of sharded type '{typeName}', whose region was started without Snapshot.Sharding: " +
                "its messages through the region carry no snapshot colour, so no snapshot could count them. Start the region with ShardedSnapshots.Get(system).StartAsync(...) instead of ClusterSharding.StartAsync");
    }

    private bool AroundReceiveRecording(Receive receive, object message, Func<Receive, object, bool> next)
    {
        // The handler next calls is built once; the receive it wraps is this call's, read from a field, since
        // next runs it before returning.
        _receiving = receive;
        _reachedHandler = false;
        var handled = next(_handle, message);
        if (!_reachedHandler)
            HoldBack(message);
        return handled;
    }

    /// <summary>The stamp of <paramref name="message"/>: its mailbox's, or, put back in front after it was held back, the one it first came in with.</summary>
    private long StampOf(object message)
    {
        if (!_mailbox!.CurrentCameBack || _heldBack is not { Count: > 0 } held || _cell.Sender is not { } sender)
            return _mailbox.CurrentStamp;
        for (var i = 0; i < held.Count; i++)
        {
            if (ReferenceEquals(held[i].Message, message) && held[i].Sender.Equals(sender))
            {
                var stamp = held[i].Stamp;
                held.RemoveAt(i);
                return stamp;
            }
        }
        return _mailbox.CurrentStamp;
    }

    /// <summary>
    /// <paramref name="message"/> left the mailbox without reaching the handler: when it is from a member of a snapshot open
    /// here, its stamp is kept for when it comes back.
    /// </summary>
    private void HoldBack(object message)
    {
        if (_mailbox is null || message is ISnapshotProtocolMessage || _cell.Sender is not { } sender)
            return;
        if (!_active.Values.Any(a => a.Plan.IsMember(sender)) && !_stamps!.Ledger.OpenSnapshots.Any(t => t.Members.Contains(sender)))
            return;
        (_heldBack ??= []).Add((message, sender, _stamp));
    }

    private bool Handle(Receive receive, object message)
    {
        _reachedHandler = true;
        if (message is ISnapshotProtocolMessage protocol)
        {
            OnProtocol(protocol);
            return true;
        }
        if (_stash?.IsComingBack(message) != true && _cell.Sender is { } sender)
        {
            if (_stamped is not null && (_stamped.IsRecording || _stamps!.Ledger.HasOpenSnapshots))
                Stamped(_stamped.OnMessage(sender, _stamp, message), sender);
            if (_active.Count > 0)
                Record(sender, message);
        }
        // Whatever the handler tells goes behind this participant's record notice (NoticeOutbox says why).
        _stamps?.SendNotices(_cell.SystemImpl.Provider);
        return receive(message);
    }

    private void TrackStash()
    {
        _stashLookedFor = true;
        // Akka gives the actor its stash after construction, so it is wrapped on the first message.
        if (_actor is IActorStash owner && owner.Stash is { } stash)
            owner.Stash = _stash = new StashTracker(stash, _cell);
    }

    private void OnProtocol(ISnapshotProtocolMessage message)
    {
        switch (message)
        {
            case Initiate initiate:
                Start(initiate.Plan, markerFrom: null);
                break;
            case Marker marker:
                OnMarker(marker.Plan);
                break;
            case Flush flush:
                OnFlush(flush.Plan);
                break;
            case InitiateFirst first:
                OnInitiateFirst(first.Plan);
                break;
            case Abandon abandon:
                OnAbandon(abandon);
                break;
            case ReadTableSizes:
                _cell.Sender?.Tell(new TableSizesRead([.. TableSizes()], []), _cell.Self);
                break;
            case ReplayEnd end:
                ReplayHold.Refuse(end, _cell, "it was not created with the restore's ticket, or already took its replay");
                break;
            default:
                Ignore(IgnoredMessageReason.Unexpected, $"a {message.GetType().Name}", null);
                break;
        }
    }

    /// <summary>The sizes of what this participant keeps per snapshot, for <see cref="ReadTableSizes"/>.</summary>
    private IEnumerable<TableSize> TableSizes() =>
    [
        new("participant.active", _active.Count),
        new("participant.held-back", _heldBack?.Count ?? 0),
        .. _finished.TableSizes(),
        .. _process?.TableSizes() ?? [],
        .. _stamped?.TableSizes() ?? [],
        .. _stash?.TableSizes() ?? [],
    ];

    private void OnMarker(SnapshotPlan plan)
    {
        if (_cell.Sender is not { } from)
            Ignore(IgnoredMessageReason.NoSender, "a marker", plan.Id);
        else if (_active.TryGetValue(plan.Key, out var active))
        {
            if (active.Process is { } process)
                Step(active.Plan, process, from);
            else
                Ignore(IgnoredMessageReason.Unexpected, "a marker for a snapshot of a stamped layout", plan.Id);
        }
        else
            Start(plan, from);
    }

    /// <summary>A snapshot this participant has not recorded for yet: an initiate, or the first marker.</summary>
    private void Start(SnapshotPlan plan, IActorRef? markerFrom)
    {
        _finished.Settle(plan.Coordinator, plan.SettledBelow);
        if (_finished.IsSettled(plan.Key))
        {
            if (markerFrom is not null)
                Ignore(IgnoredMessageReason.UnknownSnapshot, "a marker for a snapshot its coordinator has already answered", plan.Id);
            return;
        }
        if (_active.ContainsKey(plan.Key) || _finished.Contains(plan.Key))
        {
            // An initiate after the markers already made this participant record is the usual race when every
            // participant is told to start; a marker for a snapshot finished here is not.
            if (markerFrom is not null)
                Ignore(IgnoredMessageReason.Duplicate, "a marker for a snapshot already finished here", plan.Id);
            return;
        }
        if (!plan.Layout.IsKnown)
            RefuseUnknownLayout(plan);
        else if (!plan.IsMember(_cell.Self))
            Ignore(IgnoredMessageReason.NotAMember, "a snapshot it is not a member of", plan.Id);
        else if (DateTime.UtcNow > plan.DeadlineUtc)
            Ignore(IgnoredMessageReason.PastDeadline, "a snapshot past its deadline", plan.Id);
        else if (plan.Layout.IncarnationOf(_cell.Self) is var planned && planned != Guid.Empty && planned != _incarnation)
            RefuseAfterRestart(plan);
        else if (!plan.Layout.IsStamped)
            Step(plan, ProcessFor(plan.Layout), markerFrom);
        else if (_stamped is null)
            Ignore(IgnoredMessageReason.Unexpected, "a snapshot of a stamped layout, though its own mailbox does not stamp", plan.Id);
        else if (_stamps!.Open(plan))
            Stamped(_stamped.Initiate(plan.Key));
    }

    /// <summary>
    /// Carries out a step of the stamped process: the state recorded (before the handler runs) for each snapshot it names,
    /// the node's waiting record notices when it was the last member here to record, and, after the notices still waiting,
    /// the flushes of this node's members when it was the last this node waited for.
    /// </summary>
    /// <param name="sender">The sender of the message the step is for; null for an initiate.</param>
    private void Stamped(StampedStep<SnapshotKey> step, IActorRef? sender = null)
    {
        foreach (var key in step.Overflowed)
        {
            if (!_active.TryGetValue(key, out var active))
                continue;
            var detail = $"channel {sender?.Path.Name} → {_cell.Self.Path.Name} recorded more than {active.Plan.MaxRecordedPerChannel} messages (akka.snapshot.max-recorded-per-channel)";
            active.Trace?.Failed(SnapshotFailureReason.RecordingLimitExceeded, detail);
            Finish(active);
            active.Plan.Coordinator.Tell(new PartFailed(active.Plan.Id, _cell.Self, SnapshotFailureReason.RecordingLimitExceeded, detail), _cell.Self);
        }
        if (step.Record.Count > 0)
        {
            object? state = null;
            IReadOnlyList<object>? stashed = null;
            foreach (var key in step.Record)
            {
                if (_stamps!.PlanOf(key) is not { } plan || !MayRecordFor(plan))
                {
                    _stamped!.Abandon(key);
                    continue;
                }
                (state, stashed) = stashed is null ? (_captureState(), _stash?.HeldMessages() ?? []) : (state, stashed);
                var active = _active[key] = new ActiveSnapshot(plan, null, plan.Layout.RouteOf(_cell.Self, _cell.SystemImpl.Provider), state, stashed,
                    PartTrace.StartIfListened(plan, _cell.Self, _cell.System));
                active.Trace?.StateRecorded();
            }
        }
        if (step.SendNotices || step.Flush.Count > 0)
            _stamps!.SendNotices(_cell.SystemImpl.Provider);
        foreach (var key in step.Flush)
        {
            if (_stamps!.PlanOf(key) is { } plan)
                NodeStamps.TellMembersHere(plan, new Flush(plan), _cell.Self);
        }
    }

    /// <summary>
    /// Whether a message may make this participant record for <paramref name="plan"/>: not past its deadline, and planned
    /// with this instance of the actor (a restarted one refuses, as on an initiate).
    /// </summary>
    private bool MayRecordFor(SnapshotPlan plan)
    {
        if (DateTime.UtcNow > plan.DeadlineUtc)
            return false;
        if (plan.Layout.IncarnationOf(_cell.Self) is var planned && planned != Guid.Empty && planned != _incarnation)
        {
            RefuseAfterRestart(plan);
            return false;
        }
        return true;
    }

    /// <summary>Records as the named initiator of a snapshot of a stamped layout, then initiates every other member, here and on the other nodes.</summary>
    private void OnInitiateFirst(SnapshotPlan plan)
    {
        Start(plan, markerFrom: null);
        if (!_active.TryGetValue(plan.Key, out var active))
            return;
        NodeStamps.TellMembersHere(plan, new Initiate(plan), _cell.Self, except: _cell.Self);
        var nodeInitiate = new NodeInitiate(plan);
        foreach (var node in active.Route.Nodes)
            node.Tell(nodeInitiate, _cell.Self);
    }

    /// <summary>This node's flush of a snapshot of a stamped layout: every message sent here before its sender recorded was handled, so the part is complete.</summary>
    private void OnFlush(SnapshotPlan plan)
    {
        if (_stamped?.OnFlush(plan.Key) is not { } recorded || !_active.TryGetValue(plan.Key, out var active))
            return;
        active.Trace?.Completed(recorded.Count);
        Finish(active);
        LocalPartTransport.Send(new LocalPart(plan.Id, _cell.Self, active.State, active.Stashed, recorded), plan, _coordinator, _cell.Self);
    }

    /// <summary>
    /// A snapshot planned with this actor's previous instance: whatever that one recorded, or would have, is gone,
    /// and this one's state and channels have moved on. The coordinator, which may be on another node and not
    /// have heard of the restart, is told; later markers for it are duplicates.
    /// </summary>
    private void RefuseAfterRestart(SnapshotPlan plan)
    {
        _finished.Add(plan.Key, plan.DeadlineUtc, null);
        plan.Coordinator.Tell(new PartFailed(plan.Id, _cell.Self, SnapshotFailureReason.ParticipantRestarted,
            $"{_cell.Self.Path.Name} restarted after the snapshot started, losing what it had recorded"), _cell.Self);
    }

    /// <summary>
    /// A snapshot whose layout this node does not hold: its coordinator shares a layout with every node of it before
    /// starting it, so this is a snapshot still running after its node dropped the layout, or a forgery. Without
    /// its channels this participant cannot record, and the coordinator is told rather than left to time out.
    /// </summary>
    private void RefuseUnknownLayout(SnapshotPlan plan)
    {
        Ignore(IgnoredMessageReason.UnknownLayout, $"a snapshot naming layout {plan.Layout.Id}, which its node does not hold", plan.Id);
        if (DateTime.UtcNow > plan.DeadlineUtc)
            return;
        _finished.Add(plan.Key, plan.DeadlineUtc, null);
        plan.Coordinator.Tell(new PartFailed(plan.Id, _cell.Self, SnapshotFailureReason.LayoutUnknown,
            $"{_cell.Self.Path} got a snapshot naming a layout of its members that its node does not hold"), _cell.Self);
    }

    private void Ignore(IgnoredMessageReason reason, string what, SnapshotId? id)
    {
        _ignored.Count(reason);
        _log.Debug("Snapshot participant {0} ignored {1} (snapshot {2}) from {3}: {4}", _cell.Self, what, id, _cell.Sender, reason);
    }

    /// <summary>The process for the snapshots of <paramref name="layout"/>: built once, while the group's membership stays the same.</summary>
    private SnapshotProcess<IActorRef, object> ProcessFor(ChannelLayout layout)
    {
        if (_process is null || _processLayout != layout.Id)
        {
            var self = _cell.Self;
            _process = new SnapshotProcess<IActorRef, object>(self, layout.ProcessChannelsOf(self));
            _route = layout.RouteOf(self, _cell.SystemImpl.Provider);
            _processLayout = layout.Id;
        }
        return _process;
    }

    /// <summary>Hands an initiate (no <paramref name="markerFrom"/>) or a marker to the process and carries out its step.</summary>
    private void Step(SnapshotPlan plan, SnapshotProcess<IActorRef, object> process, IActorRef? markerFrom)
    {
        ProcessStep<IActorRef, object> step;
        try
        {
            step = markerFrom is null ? process.Initiate(plan.Id) : process.OnMarker(markerFrom, plan.Id);
        }
        catch (SnapshotProtocolException e)
        {
            // A duplicated or stray marker: the snapshot is unchanged by it, so it is dropped and counted.
            Ignore(e.Violation == ProtocolViolation.UnknownChannel ? IgnoredMessageReason.NotAMember : IgnoredMessageReason.Duplicate, e.Message, plan.Id);
            return;
        }
        // Only a step that records sends markers, and it is the first step of the snapshot here, on the process and
        // route of the current layout: the route covers the same outgoing channels as the step's markers.
        if (step.RecordState)
            _active[plan.Key] = new ActiveSnapshot(plan, process, _route!, _captureState(), _stash?.HeldMessages() ?? [], PartTrace.StartIfListened(plan, _cell.Self, _cell.System));
        var active = _active[plan.Key];
        if (step.SendMarkersTo.Count > 0)
            SendMarkers(active);
        active.Trace?.Stepped(active, markerFrom, step);
        if (step.Completed is { } part)
        {
            Finish(active);
            LocalPartTransport.Send(new LocalPart(plan.Id, _cell.Self, active.State, active.Stashed, part.Recorded), plan, _coordinator, _cell.Self);
        }
    }

    private void SendMarkers(ActiveSnapshot active)
    {
        var (local, nodes) = (active.Route.Local, active.Route.Nodes);
        for (var i = 0; i < local.Length; i++)
            local[i].Tell(active.Plan.Marker, _cell.Self);
        for (var i = 0; i < nodes.Length; i++)
            nodes[i].Tell(active.Plan.NodeMarker, _cell.Self);
    }

    private void Record(IActorRef sender, object message)
    {
        List<(ActiveSnapshot, SnapshotFailureReason, string)>? failed = null;
        List<ActiveSnapshot>? expired = null;
        var now = Environment.TickCount64;
        // Usually every open snapshot shares one process: the sender's channel is looked up once per process,
        // and each process records the message into all its open snapshots at once.
        SnapshotProcess<IActorRef, object>? current = null;
        SnapshotProcess<IActorRef, object>? first = null;
        List<SnapshotProcess<IActorRef, object>>? others = null;
        var channel = -1;
        foreach (var active in _active.Values)
        {
            // The stamped process has recorded the message for the snapshots of stamped layouts already.
            if (active.Process is null)
                continue;
            // Its coordinator has given up on it (or is gone): stop recording for nobody.
            if (now > active.DeadlineTicks)
            {
                (expired ??= []).Add(active);
                continue;
            }
            if (!ReferenceEquals(active.Process, current))
            {
                current = active.Process;
                channel = current.Channels.Incoming.IndexOf(sender);
                if (channel >= 0 && !ReferenceEquals(current, first) && others?.Contains(current) != true)
                {
                    if (first is null)
                        first = current;
                    else
                        (others ??= []).Add(current);
                    current.OnMessageAt(channel, message);
                }
            }
            if (channel < 0)
            {
                // A member with no channel here broke its declaration; anyone else is an external input.
                if (active.Plan.IsMember(sender))
                    (failed ??= []).Add((active, SnapshotFailureReason.UndeclaredChannel,
                        $"{sender.Path.Name} told {_cell.Self.Path.Name} {message.GetType().Name}, but did not declare a channel to it"));
            }
            else if (current.IsAwaitingAt(active.Plan.Id, channel) && !active.CountRecorded(channel))
                (failed ??= []).Add((active, SnapshotFailureReason.RecordingLimitExceeded,
                    $"channel {sender.Path.Name} → {_cell.Self.Path.Name} recorded more than {active.Plan.MaxRecordedPerChannel} messages (akka.snapshot.max-recorded-per-channel)"));
        }
        foreach (var active in expired ?? Enumerable.Empty<ActiveSnapshot>())
            Finish(active);
        foreach (var (active, reason, detail) in failed ?? Enumerable.Empty<(ActiveSnapshot, SnapshotFailureReason, string)>())
        {
            active.Trace?.Failed(reason, detail);
            Finish(active);
            active.Plan.Coordinator.Tell(new PartFailed(active.Plan.Id, _cell.Self, reason, detail), _cell.Self);
        }
    }

    private void OnAbandon(Abandon abandon)
    {
        var id = abandon.Id;
        var coordinator = _cell.Sender ?? _coordinator;
        var key = new SnapshotKey(coordinator, id);
        var recorded = _active.TryGetValue(key, out var active) || _finished.Contains(key);
        IReadOnlyList<IActorRef> awaiting = active?.Process?.AwaitingMarkers(id) ?? [];
        if (active is not null)
            Finish(active);
        else
        {
            _stamped?.Abandon(key);
            _finished.Add(key, abandon.DeadlineUtc, null);
        }
        _stamps?.Close(key, abandon.DeadlineUtc);
        coordinator.Tell(new Abandoned(id, _cell.Self, recorded, awaiting), _cell.Self);
    }

    private void Finish(ActiveSnapshot active)
    {
        _active.Remove(active.Plan.Key);
        if (active.Process is { } process)
            process.Abandon(active.Plan.Id);
        else
            _stamped!.Abandon(active.Plan.Key);
        active.Trace?.End();
        _finished.Add(active.Plan.Key, active.Plan.DeadlineUtc, active.Process);
    }
}
