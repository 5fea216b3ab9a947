using Akka.Dispatch;

namespace Snapshot.Runtime;

/// <summary>
/// A mailbox that stamps every message with its node's snapshot clock as it is put in (<see cref="StampedMessageQueue"/>),
/// which lets a participant of a group that declares no channels take part in snapshots without a marker per channel.
/// An actor that takes part through <see cref="Participants.SnapshotParticipant"/> can require it; the mapping to
/// <see cref="StampedMailbox"/> is in <see cref="GlobalSnapshotsSettings.DefaultConfig"/>, which the ActorSystem's
/// configuration must then hold when it starts. The same configuration maps Akka's deque semantics to the stamped mailbox,
/// so the participant base classes, and any actor with a stash, get it too.
/// </summary>
public interface IStampedMessageQueueSemantics : IUnboundedDequeBasedMessageQueueSemantics;
