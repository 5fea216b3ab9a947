namespace Snapshot.Runtime.Internal;

/// <summary>
/// Ids of snapshots a participant has finished or abandoned, so that late markers do not start them again.
/// An id is forgotten once its deadline has passed: from then on the deadline alone keeps markers out.
/// </summary>
internal sealed class FinishedSnapshots
{
    private readonly HashSet<SnapshotKey> _ids = [];
    private readonly Queue<(SnapshotKey Id, DateTime DeadlineUtc)> _byDeadline = new();

    public bool Contains(SnapshotKey id) => _ids.Contains(id);

    public void Add(SnapshotKey id, DateTime deadlineUtc)
    {
        var now = DateTime.UtcNow;
        while (_byDeadline.TryPeek(out var oldest) && oldest.DeadlineUtc < now)
            _ids.Remove(_byDeadline.Dequeue().Id);
        if (_ids.Add(id))
            _byDeadline.Enqueue((id, deadlineUtc));
    }
}
