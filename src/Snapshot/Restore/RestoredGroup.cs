using Akka.Actor;

namespace Snapshot.Restore;

/// <summary>A group started again from a snapshot: every participant's new actor, by the ref the snapshot named it with.</summary>
/// <param name="Group">The snapshot's group, which the new actors joined.</param>
/// <param name="Participants">The new actor of each participant, keyed by the participant's ref in the snapshot, in the snapshot's order.</param>
/// <param name="ReplayedMessages">Stashed and in-flight messages put in front of the new actors' mailboxes.</param>
public sealed record RestoredGroup(string Group, IReadOnlyDictionary<IActorRef, IActorRef> Participants, int ReplayedMessages);
