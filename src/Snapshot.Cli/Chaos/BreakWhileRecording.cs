namespace Snapshot.Cli.Chaos;

/// <summary>
/// Told to an account by the run: right after it next records its state for a snapshot, while the snapshot still
/// needs the rest of its part, it fails (its supervisor restarts it) or, with <paramref name="StopForGood"/>, stops.
/// </summary>
public sealed record BreakWhileRecording(bool StopForGood);
