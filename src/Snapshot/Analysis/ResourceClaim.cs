using Akka.Actor;

namespace Snapshot.Analysis;

/// <summary>Whether a participant holds a resource or waits for it.</summary>
public enum ResourceRelation
{
    Holds,
    WaitsFor,
}

/// <summary>
/// What a recorded state says about one exclusive resource (a lock): <see cref="Participant"/> holds it, or waits
/// for it. A state may speak for itself (a process: "I hold lock 1") or for others (a lock manager: "lock 1 is held
/// by A, B queues for it").
/// </summary>
public sealed record ResourceClaim(IActorRef Participant, string Resource, ResourceRelation Relation)
{
    public static ResourceClaim Holds(IActorRef participant, string resource) => new(participant, resource, ResourceRelation.Holds);

    public static ResourceClaim WaitsFor(IActorRef participant, string resource) => new(participant, resource, ResourceRelation.WaitsFor);
}
