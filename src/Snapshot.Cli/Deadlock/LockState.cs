using System.Collections.Immutable;
using Akka.Actor;
using Snapshot.Analysis;

namespace Snapshot.Cli.Deadlock;

/// <summary>What a lock actor records: its holder and the users queued behind it, in order.</summary>
public sealed record LockState(string Resource, IActorRef? Holder, ImmutableList<IActorRef> Queue) : IResourceState
{
    public IEnumerable<ResourceClaim> ResourceClaims(IActorRef self) =>
        (Holder is null ? [] : new[] { ResourceClaim.Holds(Holder, Resource) })
            .Concat(Queue.Select(waiter => ResourceClaim.WaitsFor(waiter, Resource)));

    public override string ToString() =>
        (Holder is null ? "free" : $"held by {Holder.Path.Name}") + (Queue.IsEmpty ? "" : $", queue: {string.Join(", ", Queue.Select(q => q.Path.Name))}");
}
