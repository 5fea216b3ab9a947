using Akka.Actor;
using Snapshot.Runtime.Internal;

namespace Snapshot.Restore.Internal;

/// <summary>
/// Restorer → restored participant: the next message of its replay. All of one participant's replay comes from one
/// restorer, so it arrives in order over any link.
/// </summary>
/// <param name="Sender">The new actor of the participant that sent it; null for a message from the participant's stash, whose sender a snapshot does not keep.</param>
internal sealed record ReplayMessage(Guid Restore, IActorRef? Sender, object Message) : ISnapshotProtocolMessage;

/// <summary>Restorer → restored participant: its replay is complete after <paramref name="Count"/> messages.</summary>
internal sealed record ReplayEnd(Guid Restore, int Count) : ISnapshotProtocolMessage;

/// <summary>Restored participant → restorer: its replay is in front of everything it held; it is a participant of <paramref name="Group"/>.</summary>
internal sealed record ReplayDelivered(Guid Restore, IActorRef Participant, string Group) : ISnapshotProtocolMessage;

/// <summary>Participant → restorer: it cannot take the replay, for <paramref name="Reason"/>.</summary>
internal sealed record ReplayRefused(Guid Restore, IActorRef Participant, string Reason) : ISnapshotProtocolMessage;
