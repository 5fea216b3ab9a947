using Akka.Actor;

namespace Snapshot.Runtime;

/// <summary>A channel whose marker had not arrived when the snapshot timed out.</summary>
public sealed record MissingMarker(IActorRef From, IActorRef To);

/// <summary>A snapshot that did not complete in time, with what was still missing.</summary>
public sealed class SnapshotTimeoutException(
    string group,
    long snapshotId,
    TimeSpan timeout,
    IReadOnlyList<IActorRef> missingParticipants,
    IReadOnlyList<IActorRef> neverRecorded,
    IReadOnlyList<MissingMarker> missingMarkers,
    IReadOnlyList<IActorRef> unresponsive,
    IReadOnlyList<IActorRef>? awaitingFlush = null)
    : SnapshotFailedException(SnapshotFailureReason.Timeout, group, snapshotId,
        Describe(group, snapshotId, timeout, missingParticipants, neverRecorded, missingMarkers, unresponsive, awaitingFlush ?? []))
{
    public TimeSpan Timeout { get; } = timeout;

    /// <summary>Participants that had not finished their part.</summary>
    public IReadOnlyList<IActorRef> MissingParticipants { get; } = missingParticipants;

    /// <summary>Participants that had not even recorded their state: no marker or initiation reached them.</summary>
    public IReadOnlyList<IActorRef> NeverRecorded { get; } = neverRecorded;

    /// <summary>Channels into participants that had recorded, whose marker had not arrived.</summary>
    public IReadOnlyList<MissingMarker> MissingMarkers { get; } = missingMarkers;

    /// <summary>
    /// Participants of a snapshot by the stamped protocol (no markers) that had recorded and were waiting for their node's
    /// flush, which comes once every member has recorded. Empty for a snapshot with a marker per channel.
    /// </summary>
    public IReadOnlyList<IActorRef> AwaitingFlush { get; } = awaitingFlush ?? [];

    /// <summary>Participants that did not answer in time when asked what they were missing (busy or gone).</summary>
    public IReadOnlyList<IActorRef> Unresponsive { get; } = unresponsive;

    private static string Describe(
        string group, long id, TimeSpan timeout, IReadOnlyList<IActorRef> missing, IReadOnlyList<IActorRef> neverRecorded,
        IReadOnlyList<MissingMarker> markers, IReadOnlyList<IActorRef> unresponsive, IReadOnlyList<IActorRef> awaitingFlush)
    {
        var parts = new List<string> { $"snapshot {id} of group '{group}' did not complete within {timeout.TotalSeconds:0.###}s: {missing.Count} participant(s) unfinished ({Names(missing)})" };
        if (neverRecorded.Count > 0)
            parts.Add($"never recorded: {Names(neverRecorded)}");
        if (markers.Count > 0)
            parts.Add($"channels still missing a marker: {string.Join(", ", markers.Select(m => $"{m.From.Path.Name} → {m.To.Path.Name}"))}");
        if (awaitingFlush.Count > 0)
            parts.Add($"recorded, waiting for their node's flush: {Names(awaitingFlush)}");
        if (unresponsive.Count > 0)
            parts.Add($"did not answer: {Names(unresponsive)}");
        return string.Join("; ", parts);
    }

    private static string Names(IEnumerable<IActorRef> actors) => string.Join(", ", actors.Select(a => a.Path.Name));
}
