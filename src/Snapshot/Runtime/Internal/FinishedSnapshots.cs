using Akka.Actor;
using Snapshot.Algorithm;

namespace Snapshot.Runtime.Internal;

/// <summary>
/// Ids of snapshots a participant has finished or abandoned, so that late markers do not start them again.
/// An id is forgotten, here and by the process that ran it, once its deadline has passed (from then on the
/// deadline alone keeps markers out) or once its coordinator says every id below a newer one is over (from then
/// on that watermark keeps them out). Under back-to-back snapshots the watermark keeps this set to a few ids
/// instead of every snapshot of the last timeout's length.
/// </summary>
/// <param name="stamped">The participant's stamped process, which forgets its finished snapshots the same way; null when it has none.</param>
internal sealed class FinishedSnapshots(StampedProcess<IActorRef, object, SnapshotKey>? stamped = null)
{
    private readonly HashSet<SnapshotKey> _ids = [];
    private readonly Queue<(SnapshotKey Id, DateTime DeadlineUtc, SnapshotProcess<IActorRef, object>? Process)> _byDeadline = new();
    private readonly Dictionary<IActorRef, SnapshotId> _settledBelow = new(ActorRefComparer.Instance);

    public bool Contains(SnapshotKey id) => _ids.Contains(id);

    /// <summary>Every snapshot <paramref name="coordinator"/> started below <paramref name="below"/> is over there.</summary>
    public void Settle(IActorRef coordinator, SnapshotId below)
    {
        if (!_settledBelow.TryGetValue(coordinator, out var known) || known.Value < below.Value)
            _settledBelow[coordinator] = below;
    }

    /// <param name="process">The process that ran it, if this participant recorded for it.</param>
    public void Add(SnapshotKey id, DateTime deadlineUtc, SnapshotProcess<IActorRef, object>? process)
    {
        var now = DateTime.UtcNow;
        while (_byDeadline.TryPeek(out var oldest) && (oldest.DeadlineUtc < now || IsSettled(oldest.Id)))
        {
            _byDeadline.Dequeue();
            _ids.Remove(oldest.Id);
            oldest.Process?.Forget(oldest.Id.Id);
            stamped?.Forget(oldest.Id);
        }
        if (_ids.Add(id))
            _byDeadline.Enqueue((id, deadlineUtc, process));
    }

    /// <summary>The sizes of what it keeps: the ids, the same by deadline, and a watermark per coordinator.</summary>
    public IEnumerable<TableSize> TableSizes() =>
    [
        new("participant.finished", _ids.Count),
        new("participant.finished-by-deadline", _byDeadline.Count),
        new("participant.settled-coordinators", _settledBelow.Count),
    ];

    /// <summary>True when the coordinator of <paramref name="id"/> has said it is over, whether or not it reached this participant.</summary>
    public bool IsSettled(SnapshotKey id) => _settledBelow.TryGetValue(id.Coordinator, out var below) && id.Id.Value < below.Value;
}
