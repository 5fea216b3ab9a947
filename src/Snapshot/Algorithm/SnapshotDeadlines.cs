namespace Snapshot.Algorithm;

/// <summary>
/// The snapshots opened on a node, in the order they were, each until its deadline: past it nothing for one can arrive
/// any more, so the node lets go of it (<see cref="TakePastDeadline"/>).
/// <para>
/// Why taking is one step under a lock: the members of a node open snapshots on their own threads, and each checks for
/// the snapshots past their deadline as it does. Were the oldest one looked at, then taken, in two steps, another member
/// could take it in between and open the next snapshot, and the first would take that one instead: a snapshot still
/// running, whose node would then forget who recorded for it and never flush it. Under the lock what is looked at is
/// what is taken.
/// </para>
/// <para>Safe to call from several threads at once.</para>
/// </summary>
/// <typeparam name="TSnapshot">What names a snapshot on this node.</typeparam>
public sealed class SnapshotDeadlines<TSnapshot>
    where TSnapshot : notnull
{
    private readonly Queue<(TSnapshot Snapshot, DateTime DeadlineUtc)> _opened = new();
    // The oldest one's deadline (DateTime.MaxValue's ticks when none): read without the lock, so that the check made on
    // every open takes no lock while nothing is due.
    private long _oldestDeadlineTicks = DateTime.MaxValue.Ticks;

    /// <summary>Snapshot <paramref name="snapshot"/> was opened here; its deadline is <paramref name="deadlineUtc"/>.</summary>
    public void Add(TSnapshot snapshot, DateTime deadlineUtc)
    {
        lock (_opened)
        {
            _opened.Enqueue((snapshot, deadlineUtc));
            if (_opened.Count == 1)
                Volatile.Write(ref _oldestDeadlineTicks, deadlineUtc.Ticks);
        }
    }

    /// <summary>
    /// Takes the snapshots past their deadline at <paramref name="nowUtc"/> from the front, in the order they were opened,
    /// each once: a snapshot behind one still running waits for it (a snapshot's deadline is at most its timeout away).
    /// </summary>
    public IReadOnlyList<TSnapshot> TakePastDeadline(DateTime nowUtc)
    {
        if (Volatile.Read(ref _oldestDeadlineTicks) >= nowUtc.Ticks)
            return [];
        lock (_opened)
        {
            List<TSnapshot>? past = null;
            while (_opened.TryPeek(out var oldest) && oldest.DeadlineUtc < nowUtc)
                (past ??= []).Add(_opened.Dequeue().Snapshot);
            Volatile.Write(ref _oldestDeadlineTicks, _opened.TryPeek(out var next) ? next.DeadlineUtc.Ticks : DateTime.MaxValue.Ticks);
            return past ?? (IReadOnlyList<TSnapshot>)[];
        }
    }
}
