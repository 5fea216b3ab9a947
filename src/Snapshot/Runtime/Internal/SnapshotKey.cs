using Akka.Actor;
using Snapshot.Algorithm;

namespace Snapshot.Runtime.Internal;

/// <summary>
/// Names a snapshot across a cluster: ids are only unique per coordinator, so a participant that takes part
/// in snapshots started on several nodes tells them apart by coordinator and id together.
/// </summary>
internal readonly record struct SnapshotKey(IActorRef Coordinator, SnapshotId Id)
{
    public bool Equals(SnapshotKey other) => Id == other.Id && ActorRefComparer.Instance.Equals(Coordinator, other.Coordinator);

    public override int GetHashCode() => HashCode.Combine(Id, ActorRefComparer.Instance.GetHashCode(Coordinator));
}
