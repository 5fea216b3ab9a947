namespace Snapshot.Algorithm;

/// <summary>
/// One member's side of the snapshots of a group in which any member may tell any other without declaring it: no
/// marker per channel, but the stamp its mailbox gave each message and what its node's <see cref="NodeLedger{TPeer,TSnapshot}"/>
/// knows of who recorded when. It performs no I/O: each input returns a <see cref="StampedStep{TSnapshot}"/> that
/// says what the driver must do.
/// <para>
/// The rules, for each snapshot <c>k</c> open on the node (the ledger's argument says why a stamp tells a message sent
/// before its sender recorded from one sent after):
/// </para>
/// <list type="number">
/// <item>On its initiate, a member that has not recorded for <c>k</c> records.</item>
/// <item>Before it handles a message its sender sent after recording for <c>k</c>, a member that has not recorded for
/// <c>k</c> records: no message it handles before recording was sent after its sender recorded.</item>
/// <item>After recording and until its flush, a member records every message from a member of <c>k</c> sent before its
/// sender recorded: exactly the messages sent before their sender recorded and handled after their receiver recorded,
/// since every one of them reaches its mailbox before the flush. One more than the snapshot's limit from one sender
/// drops the recording and fails the member's part (<see cref="StampedStep{TSnapshot}.Overflowed"/>).</item>
/// <item>On its flush its part of <c>k</c> is complete.</item>
/// </list>
/// <para>
/// Recording ticks the node's clock (<see cref="NodeLedger{TPeer,TSnapshot}.Recorded"/>) and queues the member's record
/// notice in the node's <see cref="NoticeOutbox{TPeer,TSnapshot}"/>; the driver sends the waiting notices before the member's
/// handler runs and when the step says so, and, when the ledger says so, flushes every member of the node. A member that records for several snapshots at once records its state once for each.
/// </para>
/// </summary>
public sealed class StampedProcess<TPeer, TMessage, TSnapshot>
    where TPeer : notnull
    where TSnapshot : notnull
{
    private readonly NodeLedger<TPeer, TSnapshot> _ledger;
    private readonly Dictionary<TSnapshot, Recording> _recording = [];
    private readonly HashSet<TSnapshot> _finished = [];

    public StampedProcess(TPeer self, NodeLedger<TPeer, TSnapshot> ledger)
    {
        Self = self;
        _ledger = ledger;
    }

    public TPeer Self { get; }

    /// <summary>True while this member records for at least one snapshot.</summary>
    public bool IsRecording => _recording.Count > 0;

    /// <summary>The snapshots this member has recorded its state for and not yet been flushed for.</summary>
    public IReadOnlyCollection<TSnapshot> RecordingFor => _recording.Keys;

    /// <summary>Snapshot <paramref name="id"/>, open on the node, tells this member to record.</summary>
    public StampedStep<TSnapshot> Initiate(TSnapshot id) =>
        _recording.ContainsKey(id) || _finished.Contains(id) || _ledger.Find(id) is not { } ticks || !ticks.Members.Contains(Self)
            ? StampedStep<TSnapshot>.Nothing
            : Record([ticks]);

    /// <summary>
    /// A message from <paramref name="sender"/> that its mailbox stamped <paramref name="stamp"/> is about to be handled.
    /// The step lists the snapshots to record for before the handler runs; the message is recorded for the snapshots
    /// this member already recorded for, if it was sent before its sender recorded.
    /// </summary>
    public StampedStep<TSnapshot> OnMessage(TPeer sender, long stamp, TMessage message)
    {
        if (!_ledger.HasOpenSnapshots && _recording.Count == 0)
            return StampedStep<TSnapshot>.Nothing;
        List<TSnapshot>? overflowed = null;
        foreach (var recording in _recording.Values)
        {
            if (recording.Ticks.Members.IndexOf(sender) is not (>= 0 and var position) || recording.Ticks.SentAfterRecording(sender, stamp))
                continue;
            if (recording.CountFrom(position) > recording.Ticks.MaxRecordedPerChannel)
                (overflowed ??= []).Add(recording.Ticks.Id);
            else
                (recording.Messages ??= []).Add(new RecordedMessage<TPeer, TMessage>(sender, Self, message));
        }
        foreach (var id in overflowed ?? [])
            Abandon(id);
        List<RecordingTicks<TPeer, TSnapshot>>? toRecord = null;
        foreach (var ticks in _ledger.OpenSnapshots)
        {
            if (!_recording.ContainsKey(ticks.Id) && !_finished.Contains(ticks.Id) && ticks.SentAfterRecording(sender, stamp) && ticks.Members.Contains(Self))
                (toRecord ??= []).Add(ticks);
        }
        var step = toRecord is null ? StampedStep<TSnapshot>.Nothing : Record(toRecord);
        return overflowed is null ? step : step with { Overflowed = overflowed };
    }

    /// <summary>The node flushed snapshot <paramref name="id"/>: this member's part is complete.</summary>
    /// <returns>
    /// What it recorded on its channels, in arrival order; null when it was not recording for <paramref name="id"/> (a flush
    /// it already had, or one it never recorded for).
    /// </returns>
    public IReadOnlyList<RecordedMessage<TPeer, TMessage>>? OnFlush(TSnapshot id)
    {
        if (!_recording.Remove(id, out var recording))
            return null;
        _finished.Add(id);
        return recording.Messages ?? (IReadOnlyList<RecordedMessage<TPeer, TMessage>>)[];
    }

    /// <summary>Drops snapshot <paramref name="id"/> and its recording (it failed elsewhere); later inputs for it change nothing.</summary>
    public bool Abandon(TSnapshot id)
    {
        _finished.Add(id);
        return _recording.Remove(id);
    }

    /// <summary>Forgets that <paramref name="id"/> finished here, once nothing for it can arrive any more.</summary>
    public void Forget(TSnapshot id) => _finished.Remove(id);

    /// <summary>The sizes of what it keeps per snapshot: those recording, and those finished until forgotten.</summary>
    internal IEnumerable<TableSize> TableSizes() => [new("stamped.recording", _recording.Count), new("stamped.finished", _finished.Count)];

    private StampedStep<TSnapshot> Record(IReadOnlyList<RecordingTicks<TPeer, TSnapshot>> snapshots)
    {
        List<TSnapshot>? flush = null;
        var sendNotices = false;
        foreach (var ticks in snapshots)
        {
            _recording.Add(ticks.Id, new Recording(ticks));
            if (_ledger.Recorded(ticks.Id, Self, out var lastOfNode))
                (flush ??= []).Add(ticks.Id);
            sendNotices |= lastOfNode;
        }
        return new StampedStep<TSnapshot>([.. snapshots.Select(t => t.Id)], flush ?? (IReadOnlyList<TSnapshot>)[]) { SendNotices = sendNotices };
    }

    /// <summary>A snapshot this member recorded for: the node's ticks of it, and the messages recorded since, in arrival order.</summary>
    private sealed class Recording(RecordingTicks<TPeer, TSnapshot> ticks)
    {
        public RecordingTicks<TPeer, TSnapshot> Ticks { get; } = ticks;

        // Messages recorded from each sender (by its position among the members), made on the first one.
        private Dictionary<int, int>? _perSender;

        public List<RecordedMessage<TPeer, TMessage>>? Messages { get; set; }

        /// <summary>Counts one more message from the sender at <paramref name="position"/>; the count, this one included.</summary>
        public int CountFrom(int position)
        {
            _perSender ??= [];
            return _perSender[position] = _perSender.GetValueOrDefault(position) + 1;
        }
    }
}
