using Akka.Actor;

namespace Snapshot.Analysis;

/// <summary>A resource on its way to <see cref="To"/> in a snapshot: in flight from <see cref="From"/>, or in <see cref="To"/>'s stash (no <see cref="From"/>).</summary>
public sealed record PendingHandover(string Resource, IActorRef? From, IActorRef To)
{
    public override string ToString() =>
        From is null ? $"{Resource} in {To.Path.Name}'s stash" : $"{Resource} in flight {From.Path.Name} → {To.Path.Name}";
}
