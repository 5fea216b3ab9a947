namespace Snapshot.Cli.Bench;

/// <summary>
/// The bank transfer workload in one ActorSystem: plain accounts, idle participants and participants under
/// back-to-back snapshots (medians of rounds, ratios against the plain accounts), and every snapshot taken under
/// traffic over all the rounds, each checked for conservation.
/// </summary>
public sealed record BankFigures(int Accounts, int Chains, Throughput Plain, Throughput Idle, Throughput Snapshotting, SnapshotSeries Snapshots)
{
    public double IdleRatio => Idle.MessagesPerSecond / Plain.MessagesPerSecond;

    public double SnapshottingRatio => Snapshotting.MessagesPerSecond / Plain.MessagesPerSecond;

    public double IdleExtraBytesPerMessage => Idle.BytesPerMessage - Plain.BytesPerMessage;

    public object ToJson() => new
    {
        accounts = Accounts,
        chains = Chains,
        transfers_per_run = Plain.Messages,
        plain_msgs_per_s = Math.Round(Plain.MessagesPerSecond),
        idle_msgs_per_s = Math.Round(Idle.MessagesPerSecond),
        snapshotting_msgs_per_s = Math.Round(Snapshotting.MessagesPerSecond),
        idle_ratio = Math.Round(IdleRatio, 3),
        snapshotting_ratio = Math.Round(SnapshottingRatio, 3),
        plain_alloc_bytes_per_msg = Math.Round(Plain.BytesPerMessage, 3),
        idle_alloc_bytes_per_msg = Math.Round(Idle.BytesPerMessage, 3),
        idle_alloc_bytes_per_msg_extra = Math.Round(IdleExtraBytesPerMessage, 3),
        snapshotting_alloc_bytes_per_msg = Math.Round(Snapshotting.BytesPerMessage, 3),
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
