using System.Collections.Concurrent;

namespace Snapshot.Algorithm;

/// <summary>
/// What one node knows of the snapshots of a group in which any member may tell any other without declaring it
/// (the stamped protocol; <see cref="StampedProcess{TPeer,TMessage,TSnapshot}"/> is a member's side): a logical clock, and per
/// snapshot the tick at which the node saw each member record.
/// <para>
/// The clock ticks when a member of this node records (<see cref="Recorded"/>) and when the record notice of a member of
/// another node arrives (<see cref="Noticed"/>); every message to a member of this node is stamped with the clock's
/// value (<see cref="Stamp"/>) when it is put in the member's mailbox. Why a stamp tells whether a message was sent
/// before or after its sender <c>s</c> recorded for snapshot <c>k</c>, where <c>R(k, s)</c> is the tick at which this
/// node saw <c>s</c> record:
/// </para>
/// <list type="bullet">
/// <item><c>s</c> on this node: a local tell puts the message in the receiver's mailbox on <c>s</c>'s own thread, during
/// <c>s</c>'s handler. A message told before <c>s</c> recorded read the clock before <c>s</c>'s tick, so its stamp is
/// below <c>R(k, s)</c>; one told after read it after, so its stamp is at least <c>R(k, s)</c>.</item>
/// <item><c>s</c> on another node: after recording, before its handler tells anything else, <c>s</c>'s node tells this
/// node its record notice (in a batch with others: <see cref="NoticeOutbox{TPeer,TSnapshot}"/> says why that keeps it in place). The one association from its node to this one carries <c>s</c>'s messages and the notice in
/// the order <c>s</c> told them, and this node's endpoint reader puts each in its recipient's mailbox, or ticks for the
/// notice, one after the other on one thread. So the messages before the notice are stamped below <c>R(k, s)</c> and those
/// after it at least <c>R(k, s)</c>.</item>
/// <item>A message handled while <c>R(k, s)</c> is not known here was put in the mailbox before the tick: the tick's write
/// comes before, on its thread, every later stamp of <c>s</c>'s messages, and a mailbox hands out a message only after it
/// was put in. It was sent before <c>s</c> recorded.</item>
/// </list>
/// <para>
/// So a message was sent after its sender recorded exactly when <see cref="RecordingTicks{TPeer,TSnapshot}.SentAfterRecording"/> says
/// so, and the members need no marker per channel: one notice per member and other node (batched per node), and one flush per member. The
/// node flushes a snapshot (<see cref="Recorded"/> or <see cref="Noticed"/> returns true, once) when every member of this
/// node has recorded and every member of the other nodes has been noticed: by then every message to a member of this node
/// that was sent before its sender recorded is in its receiver's mailbox, since it went in before its sender's tick, and
/// so ahead of the flush the driver puts there next (a mailbox is FIFO for messages put in one after the other).
/// </para>
/// <para>Safe to call from several threads at once: the members of a node and its endpoint readers share one.</para>
/// </summary>
/// <typeparam name="TPeer">What names a member.</typeparam>
/// <typeparam name="TSnapshot">What names a snapshot on this node: its id, or its id with its coordinator where several coordinators number their own.</typeparam>
public sealed class NodeLedger<TPeer, TSnapshot>
    where TPeer : notnull
    where TSnapshot : notnull
{
    private readonly ConcurrentDictionary<TSnapshot, RecordingTicks<TPeer, TSnapshot>> _open = new();
    private readonly ConcurrentDictionary<TSnapshot, bool> _flushed = new();
    // Taken to open, flush, close and forget a snapshot (a few times per snapshot), never to stamp or record: a flush that
    // races a close and forget must not mark as flushed, for good, an id the driver has already forgotten.
    private readonly Lock _lifecycle = new();
    private long _clock;
    private int _openCount;

    /// <summary>The clock's value now: the stamp of a message put in a member's mailbox at this moment.</summary>
    public long Stamp => Volatile.Read(ref _clock);

    /// <summary>True while some snapshot is open on this node, not yet flushed: only then can a message make a member record.</summary>
    public bool HasOpenSnapshots => Volatile.Read(ref _openCount) > 0;

    /// <summary>The snapshots open on this node, not yet flushed; read without taking the table's locks, as members read it for every message while one is open.</summary>
    public IEnumerable<RecordingTicks<TPeer, TSnapshot>> OpenSnapshots => _open.Select(open => open.Value);

    /// <summary>
    /// Opens snapshot <paramref name="id"/> over <paramref name="members"/>, <paramref name="localMembers"/> of them on this
    /// node, if it is not open yet: whichever comes first of its initiate, a notice or a member's recording opens it.
    /// </summary>
    /// <param name="maxRecordedPerChannel">Most messages a member records from one sender for it; one more fails the member's part.</param>
    /// <returns>False when the snapshot was already flushed here: what arrives for it now is late, and changes nothing.</returns>
    public bool Open(TSnapshot id, PeerIndex<TPeer> members, int localMembers, int maxRecordedPerChannel = int.MaxValue)
    {
        lock (_lifecycle)
        {
            if (_flushed.ContainsKey(id))
                return false;
            if (!_open.ContainsKey(id) && _open.TryAdd(id, new RecordingTicks<TPeer, TSnapshot>(id, members, localMembers, maxRecordedPerChannel)))
                Interlocked.Increment(ref _openCount);
            return true;
        }
    }

    /// <summary>
    /// Closes snapshot <paramref name="id"/> without a flush (it failed): no message makes a member record for it any more,
    /// and what arrives for it later changes nothing.
    /// </summary>
    public void Close(TSnapshot id)
    {
        lock (_lifecycle)
        {
            _flushed.TryAdd(id, true);
            if (_open.TryRemove(id, out _))
                Interlocked.Decrement(ref _openCount);
        }
    }

    /// <summary>Open snapshot <paramref name="id"/>; null when it is not open here (never opened, or flushed).</summary>
    public RecordingTicks<TPeer, TSnapshot>? Find(TSnapshot id) => _open.GetValueOrDefault(id);

    /// <summary>The record notices of this node's members that the other nodes are still to be told.</summary>
    public NoticeOutbox<TPeer, TSnapshot> Notices { get; } = new();

    /// <summary>A member of this node recorded for <paramref name="id"/>: the clock ticks, and its notice goes into <see cref="Notices"/>.</summary>
    /// <param name="sendNotices">True when it was the last member of this node to record: the driver sends the waiting notices now.</param>
    /// <returns>True when this was the last event the node waited for: the driver flushes every member of this node.</returns>
    public bool Recorded(TSnapshot id, TPeer member, out bool sendNotices)
    {
        var (last, lastOfNode) = Saw(id, member, local: true);
        sendNotices = lastOfNode;
        return last;
    }

    /// <summary>The record notice of <paramref name="member"/>, on another node, arrived on its association: the clock ticks.</summary>
    /// <returns>True when this was the last event the node waited for: the driver flushes every member of this node.</returns>
    public bool Noticed(TSnapshot id, TPeer member) => Saw(id, member, local: false).Last;

    /// <summary>Forgets that <paramref name="id"/> was flushed or closed here, once nothing for it can arrive any more (its deadline passed, or its coordinator answered it).</summary>
    public void Forget(TSnapshot id)
    {
        lock (_lifecycle)
            _flushed.TryRemove(id, out _);
    }

    /// <summary>The sizes of what it keeps per snapshot: those open, those flushed or closed until forgotten, and the notices waiting.</summary>
    internal IEnumerable<TableSize> TableSizes() =>
        [new("ledger.open", _open.Count), new("ledger.flushed", _flushed.Count), Notices.TableSize()];

    private (bool Last, bool LastOfNode) Saw(TSnapshot id, TPeer member, bool local)
    {
        if (!_open.TryGetValue(id, out var ticks))
            return (false, false);
        // The tick is taken inside See, under its lock, so that the count and the table agree; its value is what stamps
        // compare with, and a stamp read after it on any thread is at least it.
        var seen = ticks.See(member, () => Interlocked.Increment(ref _clock), local, Notices);
        // Flushed: no member of this node records for it any more. Those recording keep their RecordingTicks until
        // their own flush, to tell the messages still ahead of it in their mailboxes.
        if (seen.Last)
            Flushed(id);
        return seen;
    }

    /// <summary>Marks <paramref name="id"/> flushed, unless it was closed meanwhile: then it is the closer's, and may be forgotten already.</summary>
    private void Flushed(TSnapshot id)
    {
        lock (_lifecycle)
        {
            if (!_open.TryRemove(id, out _))
                return;
            _flushed.TryAdd(id, true);
            Interlocked.Decrement(ref _openCount);
        }
    }
}
