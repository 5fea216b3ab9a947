namespace Snapshot.Algorithm;

/// <summary>The ways an input can break the algorithm's assumptions. Each is refused, never absorbed.</summary>
public enum ProtocolViolation
{
    /// <summary>A second marker arrived on one channel for one snapshot.</summary>
    DuplicateMarker,

    /// <summary>A marker or message arrived on a channel the process does not have.</summary>
    UnknownChannel,

    /// <summary>A marker arrived for a snapshot this process has already completed or abandoned.</summary>
    SnapshotAlreadyFinished,

    /// <summary>A snapshot was initiated with an id this process has already seen.</summary>
    DuplicateSnapshotId,

    /// <summary>A local part was offered that does not belong to the snapshot being assembled.</summary>
    UnexpectedPart,
}
