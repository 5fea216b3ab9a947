using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Akka.Remote;
using Snapshot.Algorithm;
using Snapshot.Runtime.Diagnostics;
using Snapshot.Runtime.Internal;

namespace Snapshot.Runtime.Coordination;

/// <summary>
/// One per ActorSystem: keeps the groups of participants registered on this node, starts snapshots, gathers
/// the local parts and answers with the <see cref="GlobalSnapshot"/> or a <see cref="SnapshotFailedException"/>.
/// In a cluster, the coordinators of all reachable nodes are asked for their participants before a snapshot
/// starts, and a node that becomes unreachable or leaves fails the snapshots that wait for it. Every snapshot
/// it starts is answered exactly once, and on failure every participant is told to drop its recordings.
/// It is the driver of two pure cores, which make those decisions: <see cref="MemberGathering{TNode,TMember}"/> (who is in)
/// and <see cref="SnapshotCoordination{TNode,TParticipant,TPart,TMessage}"/> (whether a snapshot starts, completes or fails).
/// </summary>
internal sealed class SnapshotCoordinator : ReceiveActor, IWithTimers
{
    public const string Name = "global-snapshots";

    // How long the first part of a batch waits for the other parts of this node: parts finish within moments of
    // each other when nothing is stuck, and a part that waited tells the coordinator late, not wrong.
    private static readonly TimeSpan PartBatchWindow = TimeSpan.FromMilliseconds(50);

    private readonly GlobalSnapshotsSettings _settings;
    private readonly IgnoredMessages _ignored;
    private readonly Cluster? _cluster;
    private readonly ClusterPeers? _peers;
    private readonly Dictionary<string, GroupMembers> _groups = [];
    private readonly SnapshotCoordination<Address, IActorRef, PartState, object> _coordination;
    private readonly MemberGathering<Address, GroupMember> _gathering = new(AddressOrder.Instance);
    private readonly Dictionary<SnapshotId, RunningSnapshot> _running = [];
    private readonly Dictionary<string, ChannelLayout> _layouts = [];
    private readonly LayoutDistribution _distribution = new();
    private readonly LayoutRegistry _registry = LayoutRegistry.Get(Context.System);
    private readonly Dictionary<Guid, MemberRequest> _requests = [];
    private readonly KnownMembers _known = new();
    private readonly GroupNodes _groupNodes;
    private readonly List<(WaitForParticipants Wait, IActorRef ReplyTo)> _waiting = [];
    private readonly PartChunks _chunks = new();
    private readonly PartBatches _batches;
    private readonly MessagePieces _pieces = new((ExtendedActorSystem)Context.System);
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Address? _selfAddress;

    public SnapshotCoordinator(GlobalSnapshotsSettings settings, IgnoredMessages ignored)
    {
        _settings = settings;
        _ignored = ignored;
        _batches = new PartBatches(LocalPartTransport.PieceSize(Context.System));
        var provider = ((ExtendedActorSystem)Context.System).Provider;
        if (provider is IRemoteActorRefProvider remote)
            _selfAddress = remote.DefaultAddress;
        if (provider is IClusterActorRefProvider)
        {
            _cluster = Cluster.Get(Context.System);
            _peers = new ClusterPeers(_cluster);
        }
        var self = _selfAddress ?? Self.Path.Address;
        _groupNodes = new GroupNodes(self);
        // Local refs carry no host: they are on this node.
        _coordination = new(self, participant => participant.Path.Address.HasGlobalScope ? participant.Path.Address : self, settings.MaxInFlight, ActorRefComparer.Instance);
        Receive<Register>(OnRegister);
        Receive<Terminated>(t => OnGone(t.ActorRef));
        Receive<ParticipantGone>(g => OnGoneElsewhere(g.Participant));
        Receive<WaitForParticipants>(OnWaitForParticipants);
        Receive<GetParticipants>(g =>
        {
            var replyTo = Sender;
            Collect(Guid.NewGuid(), g.Group, _settings.DefaultTimeout,
                members => replyTo.Tell(members.Select(m => m.Participant).ToArray()),
                (reason, why) => replyTo.Tell(new Status.Failure(new SnapshotFailedException(reason, g.Group, null, why))));
        });
        Receive<CollectMembers>(OnCollectMembers);
        Receive<MessagePiece>(OnPiece);
        Receive<CollectedMembers>(OnCollected);
        Receive<CollectionTimedOut>(OnCollectionTimedOut);
        Receive<Take>(OnTake);
        Receive<CancelTake>(OnCancel);
        Receive<LocalPart>(OnLocalPart);
        Receive<PartBatchChunk>(OnChunk);
        Receive<PartToSend>(OnPartToSend);
        Receive<FlushParts>(flush => SendBatch(_batches.Flush(flush.Snapshot)));
        Receive<PartFailed>(OnPartFailed);
        Receive<TimedOut>(t => OnTimedOut(t.Id));
        Receive<Abandoned>(OnAbandoned);
        Receive<TimeoutReportDue>(r => ReportTimeout(r.Id));
        Receive<ClusterEvent.IClusterDomainEvent>(OnClusterEvent);
        Receive<DisassociatedEvent>(e => OnAssociationLost(new AssociationLost(e.LocalAddress, e.RemoteAddress, "dropped"), tellPeers: true));
        Receive<QuarantinedEvent>(e => OnAssociationLost(new AssociationLost(_selfAddress!, e.Address, "quarantined"), tellPeers: true));
        Receive<AssociationLost>(lost => OnAssociationLost(lost, tellPeers: false));
        Receive<ShareLayout>(OnShareLayout);
        Receive<LayoutShared>(OnLayoutShared);
        Receive<ReadTableSizes>(_ => Sender.Tell(new TableSizesRead([.. TableSizes()], [.. _groups.Values.SelectMany(g => g.AsGroupMembers).Select(m => m.Participant)])));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(GlobalSnapshotsSettings settings, IgnoredMessages ignored) => Akka.Actor.Props.Create(() => new SnapshotCoordinator(settings, ignored));

    protected override void PreStart()
    {
        _cluster?.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));
        if (_selfAddress is null)
            return;
        Context.System.EventStream.Subscribe(Self, typeof(DisassociatedEvent));
        Context.System.EventStream.Subscribe(Self, typeof(QuarantinedEvent));
    }

    protected override void PostStop()
    {
        _cluster?.Unsubscribe(Self);
        Context.System.EventStream.Unsubscribe(Self);
    }

    private void OnRegister(Register register)
    {
        foreach (var (name, other) in _groups.Where(g => g.Key != register.Group))
        {
            if (other.Remove(register.Participant))
                _log.Info("Snapshot participant {0} moved from group '{1}' to '{2}'", register.Participant, name, register.Group);
        }
        var group = _groups.TryGetValue(register.Group, out var known) ? known : _groups[register.Group] = new GroupMembers();
        if (group.Register(register.Participant, register.Incarnation, register.DeclaredOutgoing, register.Stamped))
            FailUnfinishedOf(register.Participant, SnapshotFailureReason.ParticipantRestarted, "restarted and lost what it had recorded");
        Context.Watch(register.Participant);
        foreach (var waiting in _waiting.Where(w => w.Wait.Group == register.Group && w.Wait.Count <= group.Count).ToArray())
        {
            _waiting.Remove(waiting);
            waiting.ReplyTo.Tell(true);
        }
    }

    private void OnWaitForParticipants(WaitForParticipants wait)
    {
        if (_groups.TryGetValue(wait.Group, out var group) && group.Count >= wait.Count)
            Sender.Tell(true);
        else
            _waiting.Add((wait, Sender));
    }

    private void OnGone(IActorRef participant)
    {
        var wasMember = false;
        foreach (var group in _groups.Values)
            wasMember |= group.Remove(participant);
        _waiting.RemoveAll(w => w.ReplyTo.Equals(participant));
        FailUnfinishedOf(participant, SnapshotFailureReason.ParticipantStopped, "stopped before finishing its part");
        if (!wasMember)
            return;
        // Only this node watches it. The other coordinators hear of the stop behind every member list this node sent
        // them (the same sender and receiver: FIFO), so a list that names it is either still being gathered there, or
        // its snapshot is running; a list sent from now on leaves it out.
        var gone = new ParticipantGone(participant);
        foreach (var peer in _peers?.Others ?? [])
            CoordinatorAt(peer).Tell(gone, Self);
    }

    private void OnGoneElsewhere(IActorRef participant)
    {
        _gathering.Remove(Sender.Path.Address, member => member.Participant.Equals(participant));
        FailUnfinishedOf(participant, SnapshotFailureReason.ParticipantStopped, "stopped before finishing its part");
    }

    private IReadOnlyList<GroupMember> LocalMembers(string group) =>
        _groups.TryGetValue(group, out var members) ? members.AsGroupMembers : [];

    /// <summary>Gathers the group's participants from this node and every reachable peer, then calls <paramref name="complete"/>.</summary>
    private void Collect(Guid request, string group, TimeSpan timeout, Action<IReadOnlyList<GroupMember>> complete,
        Action<SnapshotFailureReason, string> fail)
    {
        // A node still in the cluster that cannot answer may hold participants of the group: a snapshot without them
        // would not be of the group. Only one that last said it has none is left out.
        var absent = (_peers?.Absent ?? []).Where(a => _known.MayHaveMembers(a.Node, group)).ToArray();
        if (absent.Length > 0)
        {
            var reason = absent.Any(a => a.Reason == SnapshotFailureReason.NodeUnreachable) ? SnapshotFailureReason.NodeUnreachable : SnapshotFailureReason.NodeLeft;
            fail(reason, $"node(s) {string.Join(", ", absent.Select(a => $"{a.Node} ({a.Why})"))} may have participants of group '{group}' and cannot be asked");
            return;
        }
        var peers = _peers?.Others ?? [];
        if (_gathering.Begin(request, LocalMembers(group), peers) is { } members)
        {
            complete(members);
            return;
        }
        var known = _known.Of(group, peers);
        _requests.Add(request, new MemberRequest(group, known, complete, fail));
        foreach (var peer in peers)
            CoordinatorAt(peer).Tell(new CollectMembers(request, group, known.GetValueOrDefault(peer)?.Version ?? Guid.Empty), Self);
        Timers.StartSingleTimer(request, new CollectionTimedOut(request), timeout);
    }

    private void OnCollectMembers(CollectMembers ask)
    {
        var (version, members) = _groups.TryGetValue(ask.Group, out var group) ? (group.Version, group.AsGroupMembers) : (Guid.Empty, []);
        _pieces.Send(Sender, new CollectedMembers(ask.Request, version, version != Guid.Empty && version == ask.Known ? null : members), Self);
    }

    private void OnCollected(CollectedMembers answer)
    {
        if (!_requests.TryGetValue(answer.Request, out var request))
        {
            Ignore(IgnoredMessageReason.UnknownSnapshot, "an answer to a participant query already over", Sender);
            return;
        }
        var node = Sender.Path.Address;
        var answered = answer.Members;
        if (answered is not null)
            _known.Keep(node, request.Group, answer.Version, answered);
        else if (request.Known.GetValueOrDefault(node) is { } held && held.Version == answer.Version)
            answered = held.Members;
        else
        {
            // "Unchanged" for a list this request did not hold: only a forged or garbled answer says that.
            Ignore(IgnoredMessageReason.Unexpected, "an answer naming a member list this coordinator does not hold", Sender);
            return;
        }
        if (!_gathering.Answer(answer.Request, node, answered, out var members))
            Ignore(IgnoredMessageReason.UnknownSnapshot, "an answer to a participant query already over", Sender);
        else if (members is not null)
            Gathered(answer.Request, members);
    }

    private void Gathered(Guid request, IReadOnlyList<GroupMember> members)
    {
        Timers.Cancel(request);
        if (_requests.Remove(request, out var waiting))
            waiting.Complete(members);
    }

    private void GatheringFailed(Guid request, SnapshotFailureReason reason, string why)
    {
        Timers.Cancel(request);
        if (_requests.Remove(request, out var waiting))
            waiting.Fail(reason, why);
    }

    private void OnCollectionTimedOut(CollectionTimedOut timedOut)
    {
        if (_gathering.End(timedOut.Request) is not { } silent || !_requests.TryGetValue(timedOut.Request, out var waiting))
            return;
        GatheringFailed(timedOut.Request, SnapshotFailureReason.NodeUnreachable,
            $"node(s) {string.Join(", ", silent)} did not say which participants of group '{waiting.Group}' they have");
    }

    private void OnTake(Take take)
    {
        var inFlight = _coordination.InFlight;
        if (_coordination.Admit(take.Request) is not null)
        {
            Refuse(take, SnapshotFailureReason.TooManyInFlight, $"{inFlight} snapshots are in flight, the limit set by akka.snapshot.max-in-flight");
            return;
        }
        Collect(take.Request, take.Group, take.Timeout,
            members => Start(take, members),
            (reason, why) =>
            {
                _coordination.Withdraw(take.Request);
                Refuse(take, reason, why);
            });
    }

    private void Start(Take take, IReadOnlyList<GroupMember> members)
    {
        var decision = _coordination.Start(take.Request, [.. members.Select(m => m.Participant)], take.Initiator);
        switch (decision.Refusal)
        {
            case StartRefusal.NoParticipants:
                Refuse(take, SnapshotFailureReason.NoParticipants, $"group '{take.Group}' has no participants");
                return;
            case StartRefusal.InitiatorNotParticipant:
                Refuse(take, SnapshotFailureReason.InitiatorNotParticipant, $"{take.Initiator} is not a participant of group '{take.Group}'");
                return;
        }
        var now = DateTimeOffset.UtcNow;
        var id = decision.Id;
        var layout = LayoutOf(take.Group, members);
        var participants = layout.Members.Peers;
        var settledBelow = _running.Count == 0 ? id : new SnapshotId(Math.Min(id.Value, _running.Keys.Min(k => k.Value)));
        var observation = SnapshotObservation.Start(id, take.Group, Context, take.Initiator, participants.Count, now, take.Caller);
        var plan = new SnapshotPlan(id, take.Group, Self, layout, _settings.MaxRecordedPerChannel, (now + take.Timeout).UtcDateTime, settledBelow, observation.TraceContext);
        var running = new RunningSnapshot(plan, take, now, _selfAddress, observation);
        _running.Add(id, running);
        Timers.StartSingleTimer(id, new TimedOut(id), take.Timeout);
        _log.Debug("Snapshot {0} of group '{1}' started over {2} participants", id, take.Group, participants.Count);
        // The nodes that lack its layout confirm they hold it before any participant is initiated.
        var lacking = _distribution.Lacking(layout.Id, running.OtherNodes);
        if (_coordination.Run(id, take.Request, layout.Members, lacking))
        {
            SendInitiates(running);
            return;
        }
        var share = new ShareLayout(take.Group, layout, LayoutsInUse(take.Group));
        foreach (var node in lacking.Where(node => _distribution.Ask(take.Group, layout.Id, node)))
            _pieces.Send(CoordinatorAt(node), share, Self);
    }

    /// <summary>
    /// The layout of <paramref name="members"/>: the last one while they stay the same members with the same channels,
    /// which the participants already know, or a new one, which this node's serializer learns at once.
    /// </summary>
    private ChannelLayout LayoutOf(string group, IReadOnlyList<GroupMember> members)
    {
        if (_layouts.TryGetValue(group, out var last) && last.Matches(members))
            return last;
        var layout = _layouts[group] = ChannelLayout.Of(members);
        var inUse = LayoutsInUse(group);
        _registry.Add(Self, group, layout, inUse);
        _distribution.Keep(group, new HashSet<Guid>(inUse) { layout.Id });
        return layout;
    }

    /// <summary>The layouts the running snapshots of <paramref name="group"/> use: nodes must keep them until those end.</summary>
    private IReadOnlyList<Guid> LayoutsInUse(string group) =>
        [.. _running.Values.Where(r => r.Plan.Group == group).Select(r => r.Plan.Layout.Id).Distinct()];

    private void SendInitiates(RunningSnapshot running)
    {
        var initiate = new Initiate(running.Plan);
        if (running.Plan.Layout.IsStamped)
        {
            // Under the stamped protocol only messages sent after recording make others record, and idle members get
            // none: every member is initiated, by the initiator once it recorded when one was named, else from here,
            // with one initiate per other node, fanned out there.
            if (running.Request.Initiator is { } first)
            {
                first.Tell(new InitiateFirst(running.Plan), Self);
                return;
            }
            NodeStamps.TellMembersHere(running.Plan, initiate, Self);
            var nodeInitiate = new NodeInitiate(running.Plan);
            foreach (var node in running.OtherNodes)
                MarkerFanOut.At(((ExtendedActorSystem)Context.System).Provider, node).Tell(nodeInitiate, Self);
            return;
        }
        // With no initiator named, every participant starts at once: any of them may record first, and the
        // cut is consistent either way, while the markers have one hop to travel instead of many.
        foreach (var initiator in running.Request.Initiator is { } one ? [one] : running.Plan.Members)
            initiator.Tell(initiate, Self);
    }

    /// <summary>A piece of a message too large for one frame: once all are here, the message is handled as if it had come whole, from the same sender, in its place.</summary>
    private void OnPiece(MessagePiece piece)
    {
        object? whole;
        try
        {
            whole = _pieces.Add(piece, Sender);
        }
        catch (Exception e) when (e is System.Runtime.Serialization.SerializationException or ArgumentException)
        {
            Ignore(IgnoredMessageReason.Unexpected, $"pieces of a {piece.Manifest} message that make no valid one: {e.Message}", Sender);
            return;
        }
        // Handled now, not told to itself: a message that came after its last piece (a participant gone, behind its
        // member list) must not overtake it.
        if (whole is not null)
            OnReceive(whole);
    }

    private void OnShareLayout(ShareLayout share)
    {
        _registry.Add(Sender, share.Group, share.Layout, share.StillUsed);
        Sender.Tell(new LayoutShared(share.Layout.Id));
    }

    private void OnLayoutShared(LayoutShared shared)
    {
        var node = Sender.Path.Address;
        _distribution.Confirm(shared.Layout, node);
        foreach (var running in _running.Values.Where(r => r.Plan.Layout.Id == shared.Layout).ToArray())
        {
            if (_coordination.Confirmed(running.Plan.Id, node))
                SendInitiates(running);
        }
    }

    private ActorSelection CoordinatorAt(Address node) => Context.ActorSelection(new RootActorPath(node) / "system" / Name);

    private void OnCancel(CancelTake cancel)
    {
        if (_gathering.End(cancel.Request) is not null)
        {
            Timers.Cancel(cancel.Request);
            _requests.Remove(cancel.Request);
        }
        Fail(_coordination.Cancel(cancel.Request), SnapshotFailureReason.Cancelled, "the caller cancelled it");
    }

    private void OnPartToSend(PartToSend send)
    {
        if (LocalPartTransport.Serialize(send.Part, send.Plan, Context.System) is not { } bytes)
            return;
        var batch = _batches.Add(send.Plan, bytes, out var started);
        if (batch is not null)
            SendBatch(batch);
        else if (started)
            Timers.StartSingleTimer(new FlushParts(send.Plan.Key), new FlushParts(send.Plan.Key), PartBatchWindow);
    }

    private void SendBatch(PartBatches.Batch? batch)
    {
        if (batch is null)
            return;
        Timers.Cancel(new FlushParts(batch.Plan.Key));
        LocalPartTransport.Send(batch, Self, Context.System);
    }

    private void OnChunk(PartBatchChunk chunk)
    {
        if (!_running.TryGetValue(chunk.Id, out var running) || !_coordination.Spans(chunk.Id, chunk.Source.Path.Address))
        {
            Ignore(running is null ? IgnoredMessageReason.UnknownSnapshot : IgnoredMessageReason.NotAMember, $"a piece of a batch of parts of snapshot {chunk.Id}", chunk.Source);
            return;
        }
        SnapshotMetrics.PartBytesReceived(running.Plan.Group, chunk.Bytes.Length);
        if (_chunks.Add(chunk) is not { } bytes)
            return;
        IReadOnlyList<LocalPart> parts;
        try
        {
            parts = LocalPartTransport.Read(Context.System, bytes);
        }
        catch (Exception e) when (e is System.Runtime.Serialization.SerializationException or ArgumentException or InvalidCastException)
        {
            Fail(_coordination.Abort(chunk.Id), SnapshotFailureReason.PartNotSerializable, $"the parts from {chunk.Source.Path.Address} could not be read: {e.Message}");
            return;
        }
        foreach (var part in parts)
            OnLocalPart(part);
    }

    private void OnLocalPart(LocalPart part)
    {
        if (!_running.TryGetValue(part.Id, out var running))
        {
            Ignore(IgnoredMessageReason.UnknownSnapshot, $"a part of snapshot {part.Id}, which is no longer running", part.Participant);
            return;
        }
        PartReceipt receipt;
        CutAssembly<IActorRef, PartState, object>? cut;
        try
        {
            var incoming = running.Plan.IsMember(part.Participant) ? running.Plan.IncomingOf(part.Participant) : [];
            receipt = _coordination.Receive(part.Id, new PartState(part.State, part.Stashed), new LocalSnapshot<IActorRef, object>(part.Id, part.Participant, incoming, part.Recorded), out cut);
        }
        catch (SnapshotProtocolException e)
        {
            Ignore(IgnoredMessageReason.Unexpected, e.Message, part.Participant);
            return;
        }
        switch (receipt)
        {
            case PartReceipt.UnknownSnapshot:
                Ignore(IgnoredMessageReason.UnknownSnapshot, $"a part of snapshot {part.Id}, which is no longer running", part.Participant);
                return;
            case PartReceipt.NotAMember or PartReceipt.Duplicate:
                Ignore(receipt == PartReceipt.Duplicate ? IgnoredMessageReason.Duplicate : IgnoredMessageReason.NotAMember,
                    $"a part of snapshot {part.Id} ({receipt})", part.Participant);
                return;
            case PartReceipt.Completed:
                Finish(running);
                var snapshot = running.Result(cut!, DateTimeOffset.UtcNow);
                snapshot = snapshot with { DepartedNodes = _groupNodes.Departed(snapshot) };
                running.Observation.Completed(snapshot);
                running.Request.ReplyTo.Tell(snapshot);
                return;
        }
    }

    private void OnPartFailed(PartFailed failed)
    {
        switch (_coordination.ReportFailure(failed.Id, failed.Participant, out var ending))
        {
            case PartReceipt.UnknownSnapshot:
                Ignore(IgnoredMessageReason.UnknownSnapshot, $"a failure report for snapshot {failed.Id}, which is no longer running", failed.Participant);
                break;
            case PartReceipt.NotAMember:
                Ignore(IgnoredMessageReason.NotAMember, $"a failure report for snapshot {failed.Id} from a non-member", failed.Participant);
                break;
            default:
                Fail(ending, failed.Reason, failed.Detail);
                break;
        }
    }

    private void Ignore(IgnoredMessageReason reason, string what, IActorRef from)
    {
        _ignored.Count(reason);
        _log.Debug("Snapshot coordinator ignored {0} from {1} ({2})", what, from, reason);
    }

    private void OnTimedOut(SnapshotId id)
    {
        if (_coordination.TimedOut(id) is not { } decision)
            return;
        if (decision.NeverStarted)
        {
            Fail(new SnapshotEnding<IActorRef>(id, []), SnapshotFailureReason.NodeUnreachable,
                $"node(s) {string.Join(", ", decision.Silent)} did not confirm within its timeout that they hold the layout of its members, so it never started");
            return;
        }
        // Ask the unfinished participants what they still miss (this also releases their recordings),
        // then fail with their answers, or with what is known once the grace period is over.
        var abandon = new Abandon(id, _running[id].Plan.DeadlineUtc);
        foreach (var participant in decision.Ask)
            participant.Tell(abandon, Self);
        Timers.StartSingleTimer(id, new TimeoutReportDue(id), _settings.TimeoutReportGrace);
    }

    private void OnAbandoned(Abandoned answer)
    {
        if (!_running.TryGetValue(answer.Id, out var running))
            return;
        running.TimeoutAnswers[answer.Participant] = answer;
        if (_coordination.Answered(answer.Id, answer.Participant))
            ReportTimeout(answer.Id);
    }

    private void ReportTimeout(SnapshotId id)
    {
        if (_coordination.ReportTimeout(id) is not { } ending)
            return;
        var running = _running[id];
        var answers = running.TimeoutAnswers;
        var missing = ending.Unfinished;
        var error = new SnapshotTimeoutException(
            running.Plan.Group,
            id.Value,
            running.Request.Timeout,
            missing,
            [.. missing.Where(p => answers.TryGetValue(p, out var a) && !a.HadRecorded)],
            [.. missing.SelectMany(p => answers.TryGetValue(p, out var a) ? a.AwaitingMarkersFrom.Select(from => new MissingMarker(from, p)) : [])],
            [.. missing.Where(p => !answers.ContainsKey(p))],
            // Stamped, a participant that recorded waits for no marker but for its node's flush.
            running.Plan.Layout.IsStamped ? [.. missing.Where(p => answers.TryGetValue(p, out var a) && a.HadRecorded)] : []);
        Finish(running);
        running.Observation.Failed(SnapshotFailureReason.Timeout, error.Message);
        _log.Warning("{0}", error.Message);
        running.Request.ReplyTo.Tell(new Status.Failure(error));
    }

    private void OnClusterEvent(ClusterEvent.IClusterDomainEvent e)
    {
        if (e is ClusterEvent.MemberRemoved removed)
        {
            _distribution.Forget(removed.Member.Address);
            _known.Forget(removed.Member.Address);
            _registry.Forget(removed.Member.Address);
        }
        if (_peers?.Apply(e) is not var (node, reason, what))
            return;
        foreach (var (request, members) in _gathering.NodeLost(node))
            Gathered(request, members);
        foreach (var ending in _coordination.NodeLost(node))
            Fail(ending, reason, $"node {node} {what} while it had participants to hear from");
    }

    /// <summary>
    /// Messages on a dropped or quarantined association may be lost without a trace, markers included or not: every
    /// snapshot spanning both of its nodes fails rather than risk a cut that lost money. The node that saw it tells
    /// the others, whose snapshots may span it too.
    /// </summary>
    private void OnAssociationLost(AssociationLost lost, bool tellPeers)
    {
        foreach (var ending in _coordination.AssociationLost(lost.Node, lost.Peer))
        {
            Fail(ending, SnapshotFailureReason.AssociationLost,
                $"the association between {lost.Node} and {lost.Peer} was {lost.How} while the snapshot spanned it, so messages on it may have been lost");
        }
        // A question this node asked the other end may have been lost with the association: do not wait it out.
        foreach (var request in lost.Node == _selfAddress ? _gathering.AssociationLost(lost.Peer) : [])
        {
            GatheringFailed(request, SnapshotFailureReason.AssociationLost,
                $"the association with {lost.Peer} was {lost.How} while asking it for the participants of group '{_requests[request].Group}'");
        }
        if (!tellPeers)
            return;
        // The node at the other end is not told: its association with this node is the one that just failed.
        foreach (var peer in (_peers?.Others ?? []).Where(peer => peer != lost.Peer))
            CoordinatorAt(peer).Tell(lost, Self);
    }

    private void FailUnfinishedOf(IActorRef participant, SnapshotFailureReason reason, string what)
    {
        foreach (var ending in _coordination.ParticipantLost(participant))
            Fail(ending, reason, $"{participant.Path.Name} {what}");
    }

    /// <summary>Answers a snapshot the core ended with a failure, and tells its unfinished participants to drop their recordings.</summary>
    private void Fail(SnapshotEnding<IActorRef>? ending, SnapshotFailureReason reason, string detail)
    {
        if (ending is null || !_running.TryGetValue(ending.Id, out var running))
            return;
        var id = ending.Id;
        Finish(running);
        var abandon = new Abandon(id, running.Plan.DeadlineUtc);
        foreach (var participant in ending.Unfinished)
            participant.Tell(abandon, Self);
        var error = new SnapshotFailedException(reason, running.Plan.Group, id.Value, $"snapshot {id} of group '{running.Plan.Group}' failed: {detail}");
        running.Observation.Failed(reason, error.Message);
        _log.Warning("{0}", error.Message);
        running.Request.ReplyTo.Tell(new Status.Failure(error));
    }

    private void Finish(RunningSnapshot running)
    {
        _running.Remove(running.Plan.Id);
        _chunks.Forget(running.Plan.Id);
        Timers.Cancel(running.Plan.Id);
    }

    /// <summary>The sizes of what this coordinator keeps, and of the node-wide tables its participants and serializer share.</summary>
    private IEnumerable<TableSize> TableSizes() =>
    [
        new("coordinator.groups", _groups.Count),
        .. _groups.Values.SelectMany(group => group.TableSizes()),
        new("coordinator.running", _running.Count),
        new("coordinator.layouts", _layouts.Count),
        new("coordinator.member-requests", _requests.Count),
        new("coordinator.waiting-for-participants", _waiting.Count),
        new("gathering.requests", _gathering.Count),
        .. _coordination.TableSizes(),
        .. _distribution.TableSizes(),
        _known.TableSize(),
        _groupNodes.TableSize(),
        _chunks.TableSize(),
        _batches.TableSize(),
        .. _pieces.TableSizes(),
        .. _peers?.TableSizes() ?? [],
        .. _registry.TableSizes(),
        .. NodeStamps.Get(Context.System).TableSizes(),
    ];

    private static void Refuse(Take take, SnapshotFailureReason reason, string detail)
    {
        SnapshotMetrics.Refused(take.Group, reason);
        take.ReplyTo.Tell(new Status.Failure(new SnapshotFailedException(reason, take.Group, null, $"snapshot of group '{take.Group}' refused: {detail}")));
    }

    private sealed record TimedOut(SnapshotId Id);

    /// <summary>Time to send what a batch of parts for another node's snapshot holds: also the timer's key.</summary>
    private sealed record FlushParts(SnapshotKey Snapshot);

    private sealed record TimeoutReportDue(SnapshotId Id);

    private sealed record CollectionTimedOut(Guid Request);
}
