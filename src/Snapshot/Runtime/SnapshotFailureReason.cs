namespace Snapshot.Runtime;

/// <summary>Why a snapshot did not complete, for a program to switch on.</summary>
public enum SnapshotFailureReason
{
    /// <summary>It did not complete within its timeout.</summary>
    Timeout,

    /// <summary>It was refused because the limit of snapshots in flight was reached.</summary>
    TooManyInFlight,

    /// <summary>The group has no participants.</summary>
    NoParticipants,

    /// <summary>The requested initiator is not a participant of the group.</summary>
    InitiatorNotParticipant,

    /// <summary>A participant stopped before finishing its part.</summary>
    ParticipantStopped,

    /// <summary>A participant restarted before finishing its part, losing what it had recorded.</summary>
    ParticipantRestarted,

    /// <summary>A channel recorded more messages than <c>akka.snapshot.max-recorded-per-channel</c>.</summary>
    RecordingLimitExceeded,

    /// <summary>A participant received a message on a channel its sender had not declared.</summary>
    UndeclaredChannel,

    /// <summary>The caller cancelled it.</summary>
    Cancelled,

    /// <summary>A node with participants of the snapshot became unreachable.</summary>
    NodeUnreachable,

    /// <summary>A node with participants of the snapshot left or was removed from the cluster.</summary>
    NodeLeft,

    /// <summary>A participant's part could not be serialized to travel to the coordinator's node.</summary>
    PartNotSerializable,

    /// <summary>
    /// A remote association between two nodes of the snapshot dropped or was quarantined while it ran: messages
    /// on it may have been lost, so the cut could not be trusted.
    /// </summary>
    AssociationLost,

    /// <summary>A participant was reached by the snapshot on a node that does not hold the layout of its members.</summary>
    LayoutUnknown,

    /// <summary>
    /// The node asked started shutting down (it left, the cluster downed it, or its ActorSystem terminated) before it
    /// answered: its coordinator stops with it.
    /// </summary>
    ShuttingDown,

    /// <summary>
    /// A shard of a sharded group moved while the snapshot ran (handed off by a rebalance, or its node leaving) to a node
    /// that had not opened the snapshot yet: one of its entities recorded its cut on both nodes. The next snapshot starts
    /// from where the shard is then.
    /// </summary>
    ShardHandedOff,
}
