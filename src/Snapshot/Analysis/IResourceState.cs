using Akka.Actor;

namespace Snapshot.Analysis;

/// <summary>
/// Implemented by a recorded state that takes part in deadlock detection: it says which resources are held and
/// waited for, by its own participant or, for a lock manager, by others.
/// </summary>
public interface IResourceState
{
    /// <param name="self">The participant this state was recorded by.</param>
    IEnumerable<ResourceClaim> ResourceClaims(IActorRef self);
}
