namespace Snapshot.Algorithm;

/// <summary>
/// The record notices this node's members owe the other nodes under the stamped protocol, sent in batches: one message
/// per snapshot and other node carries every notice waiting, instead of one message per member and node (2 × 30,000 of
/// them for a snapshot of 30,000 members on 3 nodes).
/// <para>
/// Why a batch keeps each notice where <see cref="NodeLedger{TPeer,TSnapshot}"/>'s argument needs it, on the association
/// from this node to each other: behind every message its member told before recording, ahead of every one it told after.
/// </para>
/// <list type="bullet">
/// <item>A member's notice is queued when it records (inside the tick, <see cref="NodeLedger{TPeer,TSnapshot}.Recorded"/>),
/// after everything it told before.</item>
/// <item>A member tells only from its handler. Before its handler runs, its driver sends what is waiting
/// (<see cref="SendWaiting"/>), its own notice with it unless it went earlier. Sending is done under the outbox's lock, and
/// <see cref="HasWaiting"/> turns false only once what was taken has been handed to the associations, so a member that
/// finds nothing waiting knows its notice is out. So its notice is ahead of everything it tells after recording.</item>
/// <item>Before a node puts a flush in its members' mailboxes it sends what is waiting too: a member that has its flush,
/// and so no longer checks before its handler runs, has its notice out.</item>
/// </list>
/// <para>
/// Nothing waits long for nothing: the member that records last of its node for a snapshot sends at once (its step says
/// <see cref="StampedStep{TSnapshot}.SendNotices"/>), and the other nodes could not flush that snapshot earlier, since they
/// wait for the notice of every member.
/// </para>
/// <para>Safe to call from several threads at once: the members of a node share one.</para>
/// </summary>
/// <typeparam name="TPeer">What names a member.</typeparam>
/// <typeparam name="TSnapshot">What names a snapshot on this node.</typeparam>
public sealed class NoticeOutbox<TPeer, TSnapshot>
    where TPeer : notnull
    where TSnapshot : notnull
{
    private readonly List<(TSnapshot Snapshot, TPeer Member)> _waiting = [];
    private int _count;

    /// <summary>True while some notice waits: one volatile read, made before every handler while a snapshot is open.</summary>
    public bool HasWaiting => Volatile.Read(ref _count) > 0;

    /// <summary>How many notices wait.</summary>
    internal TableSize TableSize() => new("ledger.notices-waiting", Volatile.Read(ref _count));

    /// <summary><paramref name="member"/> recorded for <paramref name="snapshot"/>: its notice waits for the next send.</summary>
    public void Add(TSnapshot snapshot, TPeer member)
    {
        lock (_waiting)
        {
            _waiting.Add((snapshot, member));
            Volatile.Write(ref _count, _waiting.Count);
        }
    }

    /// <summary>
    /// Hands every waiting notice to <paramref name="send"/>, one call per snapshot with its members in the order they
    /// recorded, snapshots in the order of their first notice; <paramref name="send"/> tells them to every other node
    /// with members, and runs under the outbox's lock.
    /// </summary>
    public void SendWaiting(Action<TSnapshot, IReadOnlyList<TPeer>> send)
    {
        if (!HasWaiting)
            return;
        lock (_waiting)
        {
            foreach (var batch in _waiting.GroupBy(notice => notice.Snapshot))
                send(batch.Key, [.. batch.Select(notice => notice.Member)]);
            _waiting.Clear();
            Volatile.Write(ref _count, 0);
        }
    }
}
