using Akka.Actor;

namespace Snapshot.Runtime.Internal;

/// <summary>
/// Akka's equality of actor refs (same path, same uid), with a hash taken from the uid alone. Akka's own hash
/// walks the whole path and costs tens of nanoseconds, and a snapshot hashes every participant on every channel
/// several times. Refs without a uid fall back to Akka's hash so they do not all land in one bucket.
/// </summary>
internal sealed class ActorRefComparer : IEqualityComparer<IActorRef>
{
    public static readonly ActorRefComparer Instance = new();

    private ActorRefComparer()
    {
    }

    public bool Equals(IActorRef? x, IActorRef? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.Equals(y));

    public int GetHashCode(IActorRef actor) => actor.Path.Uid is var uid and not 0 ? uid.GetHashCode() : actor.GetHashCode();
}
