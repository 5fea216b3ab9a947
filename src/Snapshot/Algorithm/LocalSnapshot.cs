namespace Snapshot.Algorithm;

/// <summary>
/// One process's finished part of a snapshot: every message it recorded on its incoming channels,
/// in the order they arrived at it (across channels, not only within one).
/// The local state is not here: the driver captured it when the process was told to record.
/// </summary>
public sealed record LocalSnapshot<TPeer, TMessage>(
    SnapshotId Id,
    TPeer Process,
    IReadOnlyList<TPeer> IncomingChannels,
    IReadOnlyList<RecordedMessage<TPeer, TMessage>> Recorded)
    where TPeer : notnull;
