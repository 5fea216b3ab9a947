namespace Snapshot.Runtime;

/// <summary>A snapshot that did not complete. Every recording it made has been released.</summary>
public class SnapshotFailedException(SnapshotFailureReason reason, string group, long? snapshotId, string message)
    : Exception(message)
{
    public SnapshotFailureReason Reason { get; } = reason;

    public string Group { get; } = group;

    /// <summary>Null when the snapshot was refused before it got an id.</summary>
    public long? SnapshotId { get; } = snapshotId;
}
