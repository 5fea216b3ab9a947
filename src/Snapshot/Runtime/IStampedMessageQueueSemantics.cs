using Akka.Dispatch;

namespace Snapshot.Runtime;

/// <summary>
/// A mailbox that stamps every message with its node's snapshot clock as it is put in (<see cref="StampedMessageQueue"/>),
/// which lets a participant of a group that declares no channels take part in snapshots without a marker per channel.
/// The participant base classes require it; the mapping to <see cref="StampedMailbox"/> is in
/// <see cref="GlobalSnapshotsSettings.DefaultConfig"/>, which the ActorSystem's configuration must hold when it starts.
/// It is also a deque, so an actor with a stash gets it too.
/// </summary>
public interface IStampedMessageQueueSemantics : IUnboundedDequeBasedMessageQueueSemantics;
