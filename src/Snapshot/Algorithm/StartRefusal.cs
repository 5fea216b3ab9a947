namespace Snapshot.Algorithm;

/// <summary>Why a <see cref="SnapshotCoordination{TNode,TParticipant,TPart,TMessage}"/> did not start a requested snapshot.</summary>
public enum StartRefusal
{
    /// <summary>As many snapshots as allowed were in flight (gathering their members, or running) when it was requested.</summary>
    TooManyInFlight,

    /// <summary>Its group had no participants once the members were gathered.</summary>
    NoParticipants,

    /// <summary>The initiator it named was not one of the members gathered.</summary>
    InitiatorNotParticipant,
}
