namespace Snapshot.Cli.Bench;

/// <summary>
/// The time of one snapshot of an idle graph next to its marker lower bound, both medians over the repetitions.
/// <see cref="Initiator"/> is "all" (TakeAsync with no initiator: every participant starts at once) or "one".
/// <see cref="SnapshotHeapBytes"/> is the managed heap a finished snapshot holds (GC heap with its result held, minus once dropped).
/// </summary>
public sealed record Latency(Topology Topology, string Initiator, double SnapshotMs, double MarkerBoundMs, long SnapshotHeapBytes)
{
    public double Ratio => SnapshotMs / MarkerBoundMs;

    public object ToJson() => new
    {
        topology = Topology.Name,
        participants = Topology.Size,
        channels = Topology.Channels,
        initiator = Initiator,
        snapshot_ms = Math.Round(SnapshotMs, 3),
        marker_bound_ms = Math.Round(MarkerBoundMs, 3),
        ratio = Math.Round(Ratio, 2),
        snapshot_heap_bytes = SnapshotHeapBytes,
    };
}
