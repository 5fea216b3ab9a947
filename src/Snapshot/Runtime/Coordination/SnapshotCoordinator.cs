using Akka.Actor;
using Akka.Event;
using Snapshot.Algorithm;
using Snapshot.Runtime.Internal;

namespace Snapshot.Runtime.Coordination;

/// <summary>
/// One per ActorSystem: keeps the groups of participants, starts snapshots, gathers the local parts and
/// answers with the <see cref="GlobalSnapshot"/> or a <see cref="SnapshotFailedException"/>. Every snapshot
/// it starts is answered exactly once, and on failure every participant is told to drop its recordings.
/// </summary>
internal sealed class SnapshotCoordinator : ReceiveActor, IWithTimers
{
    private readonly GlobalSnapshotsSettings _settings;
    private readonly Dictionary<string, GroupMembers> _groups = [];
    private readonly Dictionary<SnapshotId, RunningSnapshot> _running = [];
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private long _lastId;

    public SnapshotCoordinator(GlobalSnapshotsSettings settings)
    {
        _settings = settings;
        Receive<Register>(OnRegister);
        Receive<Terminated>(t => OnGone(t.ActorRef));
        Receive<GetParticipants>(g => Sender.Tell(_groups.TryGetValue(g.Group, out var group) ? group.Members.ToArray() : Array.Empty<IActorRef>()));
        Receive<Take>(OnTake);
        Receive<CancelTake>(c => FailWhere(r => r.Request.Request == c.Request, SnapshotFailureReason.Cancelled, "the caller cancelled it"));
        Receive<LocalPart>(OnLocalPart);
        Receive<PartFailed>(f => Fail(f.Id, f.Reason, f.Detail));
        Receive<TimedOut>(t => OnTimedOut(t.Id));
        Receive<Abandoned>(OnAbandoned);
        Receive<TimeoutReportDue>(r => ReportTimeout(r.Id));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(GlobalSnapshotsSettings settings) => Akka.Actor.Props.Create(() => new SnapshotCoordinator(settings));

    private void OnRegister(Register register)
    {
        foreach (var (name, other) in _groups.Where(g => g.Key != register.Group))
        {
            if (other.Remove(register.Participant))
                _log.Info("Snapshot participant {0} moved from group '{1}' to '{2}'", register.Participant, name, register.Group);
        }
        var group = _groups.TryGetValue(register.Group, out var known) ? known : _groups[register.Group] = new GroupMembers();
        if (group.Register(register.Participant, register.Incarnation, register.DeclaredOutgoing))
            FailUnfinishedOf(register.Participant, SnapshotFailureReason.ParticipantRestarted, "restarted and lost what it had recorded");
        Context.Watch(register.Participant);
    }

    private void OnGone(IActorRef participant)
    {
        foreach (var group in _groups.Values)
            group.Remove(participant);
        FailUnfinishedOf(participant, SnapshotFailureReason.ParticipantStopped, "stopped before finishing its part");
    }

    private void OnTake(Take take)
    {
        var members = _groups.TryGetValue(take.Group, out var group) ? group.Members.ToArray() : [];
        if (members.Length == 0)
            Refuse(take, SnapshotFailureReason.NoParticipants, $"group '{take.Group}' has no participants");
        else if (take.Initiator is { } initiator && !group!.Contains(initiator))
            Refuse(take, SnapshotFailureReason.InitiatorNotParticipant, $"{initiator} is not a participant of group '{take.Group}'");
        else if (_running.Count >= _settings.MaxInFlight)
            Refuse(take, SnapshotFailureReason.TooManyInFlight, $"{_running.Count} snapshots are in flight, the limit set by akka.snapshot.max-in-flight");
        else
            Start(take, members, group!.DeclaredOutgoing);
    }

    private void Start(Take take, IActorRef[] members, IReadOnlyDictionary<IActorRef, IReadOnlyCollection<IActorRef>> declared)
    {
        var now = DateTimeOffset.UtcNow;
        var id = new SnapshotId(++_lastId);
        var plan = new SnapshotPlan(id, take.Group, Self, members, declared, _settings.MaxRecordedPerChannel, (now + take.Timeout).UtcDateTime);
        _running.Add(id, new RunningSnapshot(plan, take, now));
        Timers.StartSingleTimer(id, new TimedOut(id), take.Timeout);
        var initiate = new Initiate(plan);
        // With no initiator named, every participant starts at once: any of them may record first, and the
        // cut is consistent either way, while the markers have one hop to travel instead of many.
        foreach (var initiator in take.Initiator is { } one ? [one] : members)
            initiator.Tell(initiate, Self);
        _log.Debug("Snapshot {0} of group '{1}' started over {2} participants", id, take.Group, members.Length);
    }

    private void OnLocalPart(LocalPart part)
    {
        if (!_running.TryGetValue(part.Id, out var running) || running.TimeoutAnswers is not null)
        {
            _log.Debug("Ignored a part of snapshot {0} from {1}: the snapshot is no longer running", part.Id, part.Participant);
            return;
        }
        try
        {
            if (!running.Parts.Add(new PartState(part.State, part.Stashed), new LocalSnapshot<IActorRef, object>(part.Id, part.Participant, running.Plan.IncomingOf(part.Participant), part.Recorded)))
                return;
        }
        catch (SnapshotProtocolException e)
        {
            _log.Warning("Ignored a part of snapshot {0} from {1}: {2}", part.Id, part.Participant, e.Message);
            return;
        }
        Finish(running);
        running.Request.ReplyTo.Tell(running.Result(DateTimeOffset.UtcNow));
    }

    private void OnTimedOut(SnapshotId id)
    {
        if (!_running.TryGetValue(id, out var running))
            return;
        // Ask the unfinished participants what they still miss (this also releases their recordings),
        // then fail with their answers, or with what is known once the grace period is over.
        running.TimeoutAnswers = [];
        var abandon = new Abandon(id, running.Plan.DeadlineUtc);
        foreach (var participant in running.Parts.Missing)
            participant.Tell(abandon, Self);
        Timers.StartSingleTimer(id, new TimeoutReportDue(id), _settings.TimeoutReportGrace);
    }

    private void OnAbandoned(Abandoned answer)
    {
        if (!_running.TryGetValue(answer.Id, out var running) || running.TimeoutAnswers is not { } answers)
            return;
        answers[answer.Participant] = answer;
        if (running.Parts.Missing.All(answers.ContainsKey))
            ReportTimeout(answer.Id);
    }

    private void ReportTimeout(SnapshotId id)
    {
        if (!_running.TryGetValue(id, out var running) || running.TimeoutAnswers is not { } answers)
            return;
        var missing = running.Parts.Missing;
        var error = new SnapshotTimeoutException(
            running.Plan.Group,
            id.Value,
            running.Request.Timeout,
            missing,
            [.. missing.Where(p => answers.TryGetValue(p, out var a) && !a.HadRecorded)],
            [.. missing.SelectMany(p => answers.TryGetValue(p, out var a) ? a.AwaitingMarkersFrom.Select(from => new MissingMarker(from, p)) : [])],
            [.. missing.Where(p => !answers.ContainsKey(p))]);
        Finish(running);
        _log.Warning("{0}", error.Message);
        running.Request.ReplyTo.Tell(new Status.Failure(error));
    }

    private void FailUnfinishedOf(IActorRef participant, SnapshotFailureReason reason, string what) =>
        FailWhere(r => r.Plan.IsMember(participant) && r.Parts.Missing.Contains(participant), reason, $"{participant.Path.Name} {what}");

    private void FailWhere(Func<RunningSnapshot, bool> affected, SnapshotFailureReason reason, string detail)
    {
        foreach (var id in _running.Values.Where(affected).Select(r => r.Plan.Id).ToArray())
            Fail(id, reason, detail);
    }

    private void Fail(SnapshotId id, SnapshotFailureReason reason, string detail)
    {
        if (!_running.TryGetValue(id, out var running))
            return;
        Finish(running);
        var abandon = new Abandon(id, running.Plan.DeadlineUtc);
        foreach (var participant in running.Parts.Missing)
            participant.Tell(abandon, Self);
        var error = new SnapshotFailedException(reason, running.Plan.Group, id.Value, $"snapshot {id} of group '{running.Plan.Group}' failed: {detail}");
        _log.Warning("{0}", error.Message);
        running.Request.ReplyTo.Tell(new Status.Failure(error));
    }

    private void Finish(RunningSnapshot running)
    {
        _running.Remove(running.Plan.Id);
        Timers.Cancel(running.Plan.Id);
    }

    private static void Refuse(Take take, SnapshotFailureReason reason, string detail) =>
        take.ReplyTo.Tell(new Status.Failure(new SnapshotFailedException(reason, take.Group, null, $"snapshot of group '{take.Group}' refused: {detail}")));

    private sealed record TimedOut(SnapshotId Id);

    private sealed record TimeoutReportDue(SnapshotId Id);
}
