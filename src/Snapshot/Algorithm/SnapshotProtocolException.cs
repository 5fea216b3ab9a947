namespace Snapshot.Algorithm;

/// <summary>
/// Thrown when an input would corrupt a snapshot. The object that threw is left exactly as it was
/// before the input, so a driver may log the violation and carry on.
/// </summary>
public sealed class SnapshotProtocolException(ProtocolViolation violation, SnapshotId? snapshot, string message)
    : InvalidOperationException(message)
{
    public ProtocolViolation Violation { get; } = violation;

    /// <summary>The snapshot concerned; null for an application message, which belongs to no snapshot.</summary>
    public SnapshotId? Snapshot { get; } = snapshot;
}
