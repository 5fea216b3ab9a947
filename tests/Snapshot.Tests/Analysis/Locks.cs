using Akka.Actor;
using Snapshot.Analysis;

namespace Snapshot.Tests.Analysis;

/// <summary>A process that holds and waits for locks itself, the seed's model.</summary>
public sealed record Worker(string[] Held, string[] Awaited) : IResourceState
{
    public IEnumerable<ResourceClaim> ResourceClaims(IActorRef self) =>
        Held.Select(r => ResourceClaim.Holds(self, r)).Concat(Awaited.Select(r => ResourceClaim.WaitsFor(self, r)));
}

/// <summary>A lock manager's table: who holds each lock it has granted, and who queues for which.</summary>
public sealed record LockTable(IReadOnlyList<(IActorRef Holder, string Lock)> Granted, IReadOnlyList<(IActorRef Waiter, string Lock)> Queued) : IResourceState
{
    public IEnumerable<ResourceClaim> ResourceClaims(IActorRef self) =>
        Granted.Select(g => ResourceClaim.Holds(g.Holder, g.Lock)).Concat(Queued.Select(q => ResourceClaim.WaitsFor(q.Waiter, q.Lock)));
}

/// <summary>A lock handed to the message's receiver: granted to a waiter, or released back to the manager.</summary>
public sealed record Handover(string Resource) : IResourceHandover;
