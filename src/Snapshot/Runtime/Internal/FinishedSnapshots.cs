using Akka.Actor;
using Snapshot.Algorithm;

namespace Snapshot.Runtime.Internal;

/// <summary>
/// Ids of snapshots a participant has finished or abandoned, so that late markers do not start them again.
/// An id is forgotten once its deadline has passed, here and by the process that ran it: from then on the
/// deadline alone keeps markers out.
/// </summary>
internal sealed class FinishedSnapshots
{
    private readonly HashSet<SnapshotKey> _ids = [];
    private readonly Queue<(SnapshotKey Id, DateTime DeadlineUtc, SnapshotProcess<IActorRef, object>? Process)> _byDeadline = new();

    public bool Contains(SnapshotKey id) => _ids.Contains(id);

    /// <param name="process">The process that ran it, if this participant recorded for it.</param>
    public void Add(SnapshotKey id, DateTime deadlineUtc, SnapshotProcess<IActorRef, object>? process)
    {
        var now = DateTime.UtcNow;
        while (_byDeadline.TryPeek(out var oldest) && oldest.DeadlineUtc < now)
        {
            _byDeadline.Dequeue();
            _ids.Remove(oldest.Id);
            oldest.Process?.Forget(oldest.Id.Id);
        }
        if (_ids.Add(id))
            _byDeadline.Enqueue((id, deadlineUtc, process));
    }
}
