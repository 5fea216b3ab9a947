namespace Snapshot.Algorithm;

/// <summary>
/// The Chandy–Lamport rules for one process, for any number of concurrent snapshots.
/// It performs no I/O: each input returns a <see cref="ProcessStep{TPeer,TMessage}"/> that says what the
/// driver must do, and the driver does it (capture state, send markers, hand in the finished part).
/// <para>
/// A channel is named by the peer at its other end: incoming channel <c>p</c> carries what <c>p</c>
/// sends to this process, outgoing channel <c>q</c> what this process sends to <c>q</c>. A process
/// may be its own peer (a self-channel); the driver then sends the marker to itself like any other.
/// </para>
/// <para>
/// Finished snapshot ids are remembered so that late markers are refused rather than mistaken for
/// a new snapshot; that set grows by one id per snapshot.
/// </para>
/// </summary>
public sealed class SnapshotProcess<TPeer, TMessage>
    where TPeer : notnull
{
    private readonly TPeer[] _incoming;
    private readonly TPeer[] _outgoing;
    private readonly HashSet<TPeer> _incomingSet;
    private readonly IEqualityComparer<TPeer> _comparer;
    private readonly Dictionary<SnapshotId, OpenSnapshot> _open = [];
    private readonly HashSet<SnapshotId> _finished = [];

    /// <param name="self">This process.</param>
    /// <param name="incoming">Peers that send to this process.</param>
    /// <param name="outgoing">Peers this process sends to, in the order markers are to be sent.</param>
    /// <param name="comparer">Equality of peers; the default comparer when null.</param>
    public SnapshotProcess(TPeer self, IEnumerable<TPeer> incoming, IEnumerable<TPeer> outgoing, IEqualityComparer<TPeer>? comparer = null)
    {
        _comparer = comparer ?? EqualityComparer<TPeer>.Default;
        Self = self;
        _incoming = Distinct(incoming, nameof(incoming));
        _outgoing = Distinct(outgoing, nameof(outgoing));
        _incomingSet = new HashSet<TPeer>(_incoming, _comparer);
    }

    public TPeer Self { get; }

    public IReadOnlyList<TPeer> Incoming => _incoming;

    public IReadOnlyList<TPeer> Outgoing => _outgoing;

    /// <summary>True while at least one snapshot is recording a channel: only then do messages need <see cref="OnMessage"/>.</summary>
    public bool IsRecording => _open.Count > 0;

    /// <summary>Snapshots this process has recorded its state for and not yet completed.</summary>
    public IReadOnlyCollection<SnapshotId> OpenSnapshots => _open.Keys;

    /// <summary>Incoming channels of an open snapshot whose marker has not arrived yet.</summary>
    public IReadOnlyList<TPeer> AwaitingMarkers(SnapshotId id) =>
        _open.TryGetValue(id, out var open) ? [.. open.Awaiting] : [];

    /// <summary>This process starts snapshot <paramref name="id"/>: record, then markers on every outgoing channel.</summary>
    public ProcessStep<TPeer, TMessage> Initiate(SnapshotId id)
    {
        if (_open.ContainsKey(id) || _finished.Contains(id))
            throw Violation(ProtocolViolation.DuplicateSnapshotId, id, $"snapshot {id} was already started at {Self}");
        return Record(id, _incoming);
    }

    /// <summary>A marker for <paramref name="id"/> arrived on incoming channel <paramref name="from"/>.</summary>
    public ProcessStep<TPeer, TMessage> OnMarker(TPeer from, SnapshotId id)
    {
        RequireIncoming(from, id, "marker");
        if (_finished.Contains(id))
            throw Violation(ProtocolViolation.SnapshotAlreadyFinished, id, $"marker from {from} for snapshot {id}, which {Self} has already finished");
        if (!_open.TryGetValue(id, out var open))
            return Record(id, _incoming.Where(peer => !_comparer.Equals(peer, from)));
        if (!open.Awaiting.Remove(from))
            throw Violation(ProtocolViolation.DuplicateMarker, id, $"second marker from {from} for snapshot {id} at {Self}");
        return new ProcessStep<TPeer, TMessage>(id, false, [], open.Awaiting.Count == 0 ? Complete(id, open) : null);
    }

    /// <summary>
    /// An application message arrived on incoming channel <paramref name="from"/>. It is appended to the
    /// recording of every open snapshot still waiting for that channel's marker.
    /// </summary>
    /// <returns>How many snapshots recorded it.</returns>
    public int OnMessage(TPeer from, TMessage message)
    {
        RequireIncoming(from, null, "message");
        var recordedBy = 0;
        foreach (var open in _open.Values)
        {
            if (!open.Awaiting.Contains(from))
                continue;
            open.Recorded.Add(new RecordedMessage<TPeer, TMessage>(from, Self, message));
            recordedBy++;
        }
        return recordedBy;
    }

    /// <summary>Drops an open snapshot and its recordings (it failed elsewhere); later markers for it are refused.</summary>
    /// <returns>False when the snapshot was not open here.</returns>
    public bool Abandon(SnapshotId id)
    {
        if (!_open.Remove(id))
            return false;
        _finished.Add(id);
        return true;
    }

    private ProcessStep<TPeer, TMessage> Record(SnapshotId id, IEnumerable<TPeer> channelsToRecord)
    {
        var open = new OpenSnapshot(new HashSet<TPeer>(channelsToRecord, _comparer));
        if (open.Awaiting.Count == 0)
        {
            _finished.Add(id);
            return new ProcessStep<TPeer, TMessage>(id, true, _outgoing, Completed(id, open));
        }
        _open.Add(id, open);
        return new ProcessStep<TPeer, TMessage>(id, true, _outgoing, null);
    }

    private LocalSnapshot<TPeer, TMessage> Complete(SnapshotId id, OpenSnapshot open)
    {
        _open.Remove(id);
        _finished.Add(id);
        return Completed(id, open);
    }

    private LocalSnapshot<TPeer, TMessage> Completed(SnapshotId id, OpenSnapshot open) =>
        new(id, Self, _incoming, open.Recorded);

    private void RequireIncoming(TPeer from, SnapshotId? id, string what)
    {
        if (!_incomingSet.Contains(from))
            throw Violation(ProtocolViolation.UnknownChannel, id, $"{what} from {from}, which has no channel to {Self}");
    }

    private TPeer[] Distinct(IEnumerable<TPeer> peers, string parameter)
    {
        var array = peers.ToArray();
        if (new HashSet<TPeer>(array, _comparer).Count != array.Length)
            throw new ArgumentException($"{parameter} names a channel twice", parameter);
        return array;
    }

    private static SnapshotProtocolException Violation(ProtocolViolation violation, SnapshotId? id, string message) =>
        new(violation, id, message);

    private sealed record OpenSnapshot(HashSet<TPeer> Awaiting)
    {
        public List<RecordedMessage<TPeer, TMessage>> Recorded { get; } = [];
    }
}
