namespace Snapshot.Cli.Bench;

/// <summary>
/// A series of snapshots taken one after the other in an otherwise idle ActorSystem: each one's duration, and per
/// snapshot the bytes the process allocated and the time the GC paused it, which is where much of a large group's
/// snapshot time goes.
/// </summary>
public sealed record IdleSeries(IReadOnlyList<double> DurationsMs, long AllocatedBytesPerSnapshot, double GcPauseMsPerSnapshot);
