namespace Snapshot.Cli.Bench;

/// <summary>
/// The bank transfer workload over a cluster on loopback: participant accounts with no snapshot in flight, and while
/// snapshots are taken back to back from each node in turn (medians of alternating phases of <see cref="Phase"/>);
/// and every snapshot taken under that traffic over all the rounds: its latency, and its money.
/// </summary>
public sealed record RemoteFigures(int Nodes, int Participants, TimeSpan Phase, Throughput Idle, Throughput Snapshotting, SnapshotSeries Snapshots)
{
    public double SnapshottingRatio => Snapshotting.MessagesPerSecond / Idle.MessagesPerSecond;

    public object ToJson() => new
    {
        nodes = Nodes,
        participants = Participants,
        phase_s = Phase.TotalSeconds,
        idle_msgs_per_s = Math.Round(Idle.MessagesPerSecond),
        snapshotting_msgs_per_s = Math.Round(Snapshotting.MessagesPerSecond),
        snapshotting_ratio = Math.Round(SnapshottingRatio, 3),
        snapshots_taken = Snapshots.Taken,
        snapshots_per_s = Math.Round(Snapshotting.SnapshotsPerSecond, 1),
        snapshot_p50_ms = Math.Round(Snapshots.PercentileMs(0.5), 3),
        snapshot_p99_ms = Math.Round(Snapshots.PercentileMs(0.99), 3),
        snapshot_max_ms = Math.Round(Snapshots.MaxMs, 3),
        conservation_violations = Snapshots.ConservationViolations,
        snapshots_incomplete = Snapshots.Incomplete,
        snapshots_failed = Snapshots.Failures,
    };
}
