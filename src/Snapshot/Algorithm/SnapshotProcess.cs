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
/// a new snapshot; that set grows by one id per snapshot until the driver calls <see cref="Forget"/>.
/// </para>
/// </summary>
public sealed class SnapshotProcess<TPeer, TMessage>
    where TPeer : notnull
{
    private readonly PeerIndex<TPeer> _incoming;
    private readonly Dictionary<SnapshotId, OpenSnapshot> _open = [];
    private readonly HashSet<SnapshotId> _finished = [];

    /// <param name="self">This process.</param>
    /// <param name="incoming">Peers that send to this process.</param>
    /// <param name="outgoing">Peers this process sends to, in the order markers are to be sent.</param>
    /// <param name="comparer">Equality of peers; the default comparer when null.</param>
    public SnapshotProcess(TPeer self, IEnumerable<TPeer> incoming, IEnumerable<TPeer> outgoing, IEqualityComparer<TPeer>? comparer = null)
        : this(self, new ProcessChannels<TPeer>(incoming, outgoing, comparer))
    {
    }

    /// <param name="self">This process.</param>
    /// <param name="channels">Its channels, possibly shared with other processes of the same peer.</param>
    public SnapshotProcess(TPeer self, ProcessChannels<TPeer> channels)
    {
        Self = self;
        Channels = channels;
        _incoming = channels.Incoming;
    }

    public TPeer Self { get; }

    public ProcessChannels<TPeer> Channels { get; }

    public IReadOnlyList<TPeer> Incoming => _incoming.Peers;

    public IReadOnlyList<TPeer> Outgoing => Channels.Outgoing;

    /// <summary>True while at least one snapshot is recording a channel: only then do messages need <see cref="OnMessage"/>.</summary>
    public bool IsRecording => _open.Count > 0;

    /// <summary>Snapshots this process has recorded its state for and not yet completed.</summary>
    public IReadOnlyCollection<SnapshotId> OpenSnapshots => _open.Keys;

    /// <summary>Incoming channels of an open snapshot whose marker has not arrived yet.</summary>
    public IReadOnlyList<TPeer> AwaitingMarkers(SnapshotId id) =>
        _open.TryGetValue(id, out var open) ? [.. Incoming.Where((_, i) => open.Awaiting[i])] : [];

    /// <summary>True while snapshot <paramref name="id"/> is open here and still records incoming channel <paramref name="from"/>.</summary>
    public bool IsAwaiting(SnapshotId id, TPeer from)
    {
        var channel = _incoming.IndexOf(from);
        return channel >= 0 && IsAwaitingAt(id, channel);
    }

    /// <summary><see cref="IsAwaiting"/> for the incoming channel at position <paramref name="channel"/> of <see cref="Incoming"/>.</summary>
    public bool IsAwaitingAt(SnapshotId id, int channel) => _open.TryGetValue(id, out var open) && open.Awaiting[channel];

    /// <summary>This process starts snapshot <paramref name="id"/>: record, then markers on every outgoing channel.</summary>
    public ProcessStep<TPeer, TMessage> Initiate(SnapshotId id)
    {
        if (_open.ContainsKey(id) || _finished.Contains(id))
            throw Violation(ProtocolViolation.DuplicateSnapshotId, id, $"snapshot {id} was already started at {Self}");
        return Record(id, markerFrom: -1);
    }

    /// <summary>A marker for <paramref name="id"/> arrived on incoming channel <paramref name="from"/>.</summary>
    public ProcessStep<TPeer, TMessage> OnMarker(TPeer from, SnapshotId id)
    {
        var channel = RequireIncoming(from, id, "marker");
        if (_finished.Contains(id))
            throw Violation(ProtocolViolation.SnapshotAlreadyFinished, id, $"marker from {from} for snapshot {id}, which {Self} has already finished");
        if (!_open.TryGetValue(id, out var open))
            return Record(id, channel);
        if (!open.Awaiting[channel])
            throw Violation(ProtocolViolation.DuplicateMarker, id, $"second marker from {from} for snapshot {id} at {Self}");
        open.Awaiting[channel] = false;
        return new ProcessStep<TPeer, TMessage>(id, false, [], --open.AwaitingCount == 0 ? Complete(id, open) : null);
    }

    /// <summary>
    /// An application message arrived on incoming channel <paramref name="from"/>. It is appended to the
    /// recording of every open snapshot still waiting for that channel's marker.
    /// </summary>
    /// <returns>How many snapshots recorded it.</returns>
    public int OnMessage(TPeer from, TMessage message) => OnMessageAt(RequireIncoming(from, null, "message"), message);

    /// <summary>
    /// <see cref="OnMessage"/> for the incoming channel at position <paramref name="channel"/> of
    /// <see cref="Incoming"/>, for a driver that has already looked the sender up.
    /// </summary>
    public int OnMessageAt(int channel, TMessage message)
    {
        if ((uint)channel >= (uint)_incoming.Count)
            throw new ArgumentOutOfRangeException(nameof(channel), channel, $"{Self} has {_incoming.Count} incoming channels");
        var from = _incoming[channel];
        var recordedBy = 0;
        foreach (var open in _open.Values)
        {
            if (!open.Awaiting[channel])
                continue;
            (open.Recorded ??= []).Add(new RecordedMessage<TPeer, TMessage>(from, Self, message));
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

    /// <summary>
    /// Forgets that snapshot <paramref name="id"/> finished here, once the driver knows no input for it can
    /// arrive any more (its deadline has passed), so that a long-lived process does not grow without end.
    /// </summary>
    public void Forget(SnapshotId id) => _finished.Remove(id);

    /// <summary>The sizes of what it keeps per snapshot: those open, and those finished until forgotten.</summary>
    internal IEnumerable<TableSize> TableSizes() => [new("process.open", _open.Count), new("process.finished", _finished.Count)];

    private ProcessStep<TPeer, TMessage> Record(SnapshotId id, int markerFrom)
    {
        var open = new OpenSnapshot(_incoming.Count, markerFrom);
        if (open.AwaitingCount == 0)
        {
            _finished.Add(id);
            return new ProcessStep<TPeer, TMessage>(id, true, Outgoing, Completed(id, open));
        }
        _open.Add(id, open);
        return new ProcessStep<TPeer, TMessage>(id, true, Outgoing, null);
    }

    private LocalSnapshot<TPeer, TMessage> Complete(SnapshotId id, OpenSnapshot open)
    {
        _open.Remove(id);
        _finished.Add(id);
        return Completed(id, open);
    }

    private LocalSnapshot<TPeer, TMessage> Completed(SnapshotId id, OpenSnapshot open) =>
        new(id, Self, Incoming, open.Recorded ?? (IReadOnlyList<RecordedMessage<TPeer, TMessage>>)[]);

    private int RequireIncoming(TPeer from, SnapshotId? id, string what)
    {
        var channel = _incoming.IndexOf(from);
        return channel >= 0 ? channel : throw Violation(ProtocolViolation.UnknownChannel, id, $"{what} from {from}, which has no channel to {Self}");
    }

    private static SnapshotProtocolException Violation(ProtocolViolation violation, SnapshotId? id, string message) =>
        new(violation, id, message);

    /// <summary>One snapshot being recorded: which incoming channels (by position) still await their marker.</summary>
    private sealed class OpenSnapshot
    {
        public OpenSnapshot(int channels, int markerFrom)
        {
            Awaiting = new bool[channels];
            Array.Fill(Awaiting, true);
            AwaitingCount = channels;
            if (markerFrom >= 0)
            {
                Awaiting[markerFrom] = false;
                AwaitingCount--;
            }
        }

        public bool[] Awaiting { get; }

        public int AwaitingCount { get; set; }

        public List<RecordedMessage<TPeer, TMessage>>? Recorded { get; set; }
    }
}
