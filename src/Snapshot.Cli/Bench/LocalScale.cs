namespace Snapshot.Cli.Bench;

/// <summary>
/// Snapshots of one graph of idle participants in one ActorSystem, as <c>bench scale</c> measures them: their
/// durations, what they allocated and paused for GC, the channels each covers, and the managed heap one
/// finished result holds. <see cref="Initiator"/> is "all" (TakeAsync with no initiator) or "one" (the first participant).
/// </summary>
public sealed record LocalScale(Topology Topology, string Initiator, IdleSeries Series, long Channels, long ResultBytes)
{
    public IReadOnlyList<double> DurationsMs => Series.DurationsMs;

    public double P50Ms => Quantile.NearestRank(DurationsMs, 0.5);

    public double P99Ms => Quantile.NearestRank(DurationsMs, 0.99);

    public object ToJson() => new
    {
        topology = Topology.Name,
        participants = Topology.Size,
        channels = Channels,
        initiator = Initiator,
        snapshots = DurationsMs.Count,
        p50_ms = Math.Round(P50Ms, 3),
        p99_ms = Math.Round(P99Ms, 3),
        result_bytes = ResultBytes,
        allocated_bytes_per_snapshot = Series.AllocatedBytesPerSnapshot,
        gc_pause_ms_per_snapshot = Math.Round(Series.GcPauseMsPerSnapshot, 1),
    };
}
