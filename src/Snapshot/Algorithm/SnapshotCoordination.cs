namespace Snapshot.Algorithm;

/// <summary>
/// A coordinator's decisions on the snapshots it starts: whether a request may start, which id it gets, when a snapshot
/// completes, and which snapshots fail when a participant, a node or an association is lost, a participant reports a
/// failure, the caller cancels or the timeout fires. Pure: the driver gathers the members
/// (<see cref="MemberGathering{TNode,TMember}"/>), sends the initiates, keeps the time, and turns each decision into
/// messages; the simulator drives the same core.
/// <para>
/// Why every snapshot ends exactly once: a snapshot is in exactly one of three places, admitted (its members being
/// gathered), running, or timing out (waiting for its unfinished participants' answers), and every decision that ends
/// it removes it from the place it is in and reports it once; a decision about a snapshot in no place reports nothing.
/// Why a completed snapshot is a whole cut: it completes only when every participant fixed at its start has reported
/// its part, and a part is taken at most once per participant.
/// Why a failure is never missed: the parts a snapshot waits for come from participants on nodes over associations;
/// each of those, when lost, is a decision here that ends every snapshot still waiting on it.
/// </para>
/// </summary>
/// <typeparam name="TNode">What names a node.</typeparam>
/// <typeparam name="TParticipant">What names a participant.</typeparam>
/// <typeparam name="TPart">A participant's recorded state, as its part brings it.</typeparam>
/// <typeparam name="TMessage">A recorded message.</typeparam>
public sealed class SnapshotCoordination<TNode, TParticipant, TPart, TMessage>
    where TNode : notnull
    where TParticipant : notnull
{
    private readonly TNode _self;
    private readonly Func<TParticipant, TNode> _nodeOf;
    private readonly int _maxInFlight;
    private readonly IEqualityComparer<TParticipant> _participants;
    private readonly HashSet<Guid> _admitted = [];
    private readonly Dictionary<SnapshotId, Tracked> _running = [];
    private readonly Dictionary<Guid, SnapshotId> _byRequest = [];
    private long _lastId;

    /// <param name="self">This coordinator's node.</param>
    /// <param name="nodeOf">The node a participant is on.</param>
    /// <param name="maxInFlight">How many snapshots may be in flight at once, from their request on.</param>
    public SnapshotCoordination(TNode self, Func<TParticipant, TNode> nodeOf, int maxInFlight, IEqualityComparer<TParticipant>? participants = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, 1);
        _self = self;
        _nodeOf = nodeOf;
        _maxInFlight = maxInFlight;
        _participants = participants ?? EqualityComparer<TParticipant>.Default;
    }

    /// <summary>Snapshots in flight: admitted and gathering their members, running, or timing out.</summary>
    public int InFlight => _admitted.Count + _running.Count;

    /// <summary>The ids of the snapshots running or timing out.</summary>
    public IReadOnlyCollection<SnapshotId> Running => _running.Keys;

    /// <summary>A request to take a snapshot, before its members are known.</summary>
    /// <returns>Null when admitted: it counts as in flight until <see cref="Start"/> or <see cref="Withdraw"/>; otherwise why not.</returns>
    public StartRefusal? Admit(Guid request)
    {
        if (InFlight >= _maxInFlight)
            return StartRefusal.TooManyInFlight;
        _admitted.Add(request);
        return null;
    }

    /// <summary>An admitted request ends before it started: gathering its members failed, or its caller gave up.</summary>
    public void Withdraw(Guid request) => _admitted.Remove(request);

    /// <summary>
    /// The members of admitted request <paramref name="request"/> are known: it is refused, or it gets the next id, with
    /// which the driver plans it and then calls <see cref="Run"/> at once.
    /// </summary>
    /// <exception cref="InvalidOperationException">The request was not admitted, or was withdrawn.</exception>
    public StartDecision Start(Guid request, IReadOnlyList<TParticipant> members, TParticipant? initiator)
    {
        if (!_admitted.Remove(request))
            throw new InvalidOperationException($"request {request} was not admitted, or already started or withdrawn");
        if (members.Count == 0)
            return new StartDecision(default, StartRefusal.NoParticipants);
        if (initiator is not null && !members.Contains(initiator, _participants))
            return new StartDecision(default, StartRefusal.InitiatorNotParticipant);
        // Admitted but not yet running: it stays in flight until Run.
        _admitted.Add(request);
        return new StartDecision(new SnapshotId(++_lastId), null);
    }

    /// <summary>
    /// Runs snapshot <paramref name="id"/>, just started for <paramref name="request"/>, over <paramref name="participants"/>.
    /// </summary>
    /// <param name="confirming">Nodes that must confirm they are ready (they hold what the initiates name) before any participant is initiated.</param>
    /// <returns>True when the driver initiates it now; false when it waits for <see cref="Confirmed"/>.</returns>
    public bool Run(SnapshotId id, Guid request, PeerIndex<TParticipant> participants, IEnumerable<TNode> confirming)
    {
        if (!_admitted.Remove(request))
            throw new InvalidOperationException($"request {request} was not started");
        var run = new Tracked(request, new CutAssembly<TParticipant, TPart, TMessage>(id, participants), [.. confirming]);
        _running.Add(id, run);
        _byRequest[request] = id;
        return run.Confirming.Count == 0;
    }

    /// <summary><paramref name="node"/> confirmed it is ready for snapshot <paramref name="id"/>.</summary>
    /// <returns>True when it was the last node awaited: the driver initiates the snapshot now.</returns>
    public bool Confirmed(SnapshotId id, TNode node) =>
        _running.TryGetValue(id, out var run) && run.Confirming.Remove(node) && run.Confirming.Count == 0;

    /// <summary>True when a participant of snapshot <paramref name="id"/> is on <paramref name="node"/>, or its coordinator is.</summary>
    public bool Spans(SnapshotId id, TNode node) => _running.TryGetValue(id, out var run) && Spans(run, node);

    /// <summary>A participant's finished part of snapshot <paramref name="id"/>, with the state it recorded.</summary>
    /// <param name="cut">When <see cref="PartReceipt.Completed"/>: every part, to build the snapshot from.</param>
    public PartReceipt Receive(SnapshotId id, TPart state, LocalSnapshot<TParticipant, TMessage> part, out CutAssembly<TParticipant, TPart, TMessage>? cut)
    {
        cut = null;
        if (!_running.TryGetValue(id, out var run) || run.TimingOut is not null)
            return PartReceipt.UnknownSnapshot;
        if (!run.Parts.IsParticipant(part.Process))
            return PartReceipt.NotAMember;
        if (!run.Parts.IsMissing(part.Process))
            return PartReceipt.Duplicate;
        if (!run.Parts.Add(state, part))
            return PartReceipt.Taken;
        End(id, run);
        cut = run.Parts;
        return PartReceipt.Completed;
    }

    /// <summary>A participant of snapshot <paramref name="id"/> reports it could not finish its part.</summary>
    /// <param name="ending">When <see cref="PartReceipt.Taken"/>: the snapshot, which failed.</param>
    public PartReceipt ReportFailure(SnapshotId id, TParticipant participant, out SnapshotEnding<TParticipant>? ending)
    {
        ending = null;
        if (!_running.TryGetValue(id, out var run))
            return PartReceipt.UnknownSnapshot;
        if (!run.Parts.IsParticipant(participant))
            return PartReceipt.NotAMember;
        ending = End(id, run);
        return PartReceipt.Taken;
    }

    /// <summary>The driver cannot complete snapshot <paramref name="id"/>: what it received for it cannot be read.</summary>
    /// <returns>The snapshot, which failed; null when it is not running.</returns>
    public SnapshotEnding<TParticipant>? Abort(SnapshotId id) => _running.TryGetValue(id, out var run) ? End(id, run) : null;

    /// <summary>
    /// <paramref name="participant"/> stopped, or restarted and lost what it recorded: every snapshot still waiting for
    /// its part fails.
    /// </summary>
    public IReadOnlyList<SnapshotEnding<TParticipant>> ParticipantLost(TParticipant participant) =>
        EndWhere(run => run.Parts.IsMissing(participant));

    /// <summary>
    /// <paramref name="node"/> became unreachable or left: every snapshot still waiting for a part from a participant on
    /// it fails.
    /// </summary>
    public IReadOnlyList<SnapshotEnding<TParticipant>> NodeLost(TNode node) =>
        EndWhere(run => run.Parts.Missing.Any(p => EqualityComparer<TNode>.Default.Equals(_nodeOf(p), node)));

    /// <summary>
    /// The association between <paramref name="node"/> and <paramref name="peer"/> dropped or was quarantined: messages on
    /// it may have been lost without a trace, markers or not, so every snapshot spanning both nodes fails rather than
    /// risk a cut that lost some.
    /// </summary>
    public IReadOnlyList<SnapshotEnding<TParticipant>> AssociationLost(TNode node, TNode peer) =>
        EndWhere(run => Spans(run, node) && Spans(run, peer));

    /// <summary>The caller of <paramref name="request"/> gave up: the snapshot ends, or its request is withdrawn.</summary>
    /// <returns>The snapshot, when it was running.</returns>
    public SnapshotEnding<TParticipant>? Cancel(Guid request)
    {
        Withdraw(request);
        return _byRequest.TryGetValue(request, out var id) ? End(id, _running[id]) : null;
    }

    /// <summary>The timeout of snapshot <paramref name="id"/> fired.</summary>
    /// <returns>Null when it is not running; otherwise whether it never started (it ended) or whom to ask what they miss.</returns>
    public TimeoutDecision<TNode, TParticipant>? TimedOut(SnapshotId id)
    {
        if (!_running.TryGetValue(id, out var run) || run.TimingOut is not null)
            return null;
        if (run.Confirming.Count > 0)
        {
            var silent = run.Confirming.ToArray();
            End(id, run);
            return new TimeoutDecision<TNode, TParticipant>(silent, []);
        }
        var missing = run.Parts.Missing;
        run.TimingOut = new HashSet<TParticipant>(_participants);
        return new TimeoutDecision<TNode, TParticipant>([], missing);
    }

    /// <summary>An unfinished participant of timed-out snapshot <paramref name="id"/> answered what it still waited for.</summary>
    /// <returns>True when every unfinished participant has answered: the driver reports the timeout now.</returns>
    public bool Answered(SnapshotId id, TParticipant participant)
    {
        if (!_running.TryGetValue(id, out var run) || run.TimingOut is not { } answered)
            return false;
        answered.Add(participant);
        return run.Parts.Missing.All(answered.Contains);
    }

    /// <summary>Timed-out snapshot <paramref name="id"/> ends: all answered, or its grace period is over.</summary>
    /// <returns>The snapshot, with the participants whose part never came; null when it is not timing out.</returns>
    public SnapshotEnding<TParticipant>? ReportTimeout(SnapshotId id) =>
        _running.TryGetValue(id, out var run) && run.TimingOut is not null ? End(id, run) : null;

    /// <summary>The sizes of what it keeps per request and snapshot in flight.</summary>
    internal IEnumerable<TableSize> TableSizes() =>
    [
        new("coordination.admitted", _admitted.Count),
        new("coordination.running", _running.Count),
        new("coordination.requests", _byRequest.Count),
    ];

    private bool Spans(Tracked run, TNode node)
    {
        run.Nodes ??= [_self, .. run.Parts.Participants.Select(_nodeOf)];
        return run.Nodes.Contains(node);
    }

    private IReadOnlyList<SnapshotEnding<TParticipant>> EndWhere(Func<Tracked, bool> affected) =>
        [.. _running.Where(r => affected(r.Value)).ToArray().Select(r => End(r.Key, r.Value))];

    private SnapshotEnding<TParticipant> End(SnapshotId id, Tracked run)
    {
        _running.Remove(id);
        _byRequest.Remove(run.Request);
        return new SnapshotEnding<TParticipant>(id, run.Parts.IsComplete ? [] : run.Parts.Missing);
    }

    private sealed class Tracked(Guid request, CutAssembly<TParticipant, TPart, TMessage> parts, HashSet<TNode> confirming)
    {
        public Guid Request { get; } = request;

        public CutAssembly<TParticipant, TPart, TMessage> Parts { get; } = parts;

        /// <summary>Nodes that have not yet confirmed they are ready: no participant is initiated before.</summary>
        public HashSet<TNode> Confirming { get; } = confirming;

        /// <summary>After its timeout fired: the unfinished participants that answered what they still missed.</summary>
        public HashSet<TParticipant>? TimingOut { get; set; }

        /// <summary>The nodes it spans, once asked.</summary>
        public HashSet<TNode>? Nodes { get; set; }
    }
}
