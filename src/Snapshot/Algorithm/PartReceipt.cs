namespace Snapshot.Algorithm;

/// <summary>What a <see cref="SnapshotCoordination{TNode,TParticipant,TPart,TMessage}"/> made of a part, or of a participant's failure report.</summary>
public enum PartReceipt
{
    /// <summary>Taken: other parts are still missing (for a failure report: the snapshot failed and ended).</summary>
    Taken,

    /// <summary>It was the last part missing: the snapshot completed and ended.</summary>
    Completed,

    /// <summary>Ignored: the snapshot is not running (it never did, it ended, or it timed out and waits for answers).</summary>
    UnknownSnapshot,

    /// <summary>Ignored: its sender is not a participant of the snapshot.</summary>
    NotAMember,

    /// <summary>Ignored: the participant had already reported its part.</summary>
    Duplicate,
}
