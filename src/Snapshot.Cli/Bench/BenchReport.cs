namespace Snapshot.Cli.Bench;

/// <summary>The figures of one <c>snapshot bench</c> run; ping-pong ratios against the plain ReceiveActor baseline.</summary>
public sealed record BenchReport(
    int Processors,
    int Pairs,
    long MessagesPerRun,
    Throughput Plain,
    Throughput Idle,
    Throughput Snapshotting,
    Throughput StopTheWorld,
    IReadOnlyList<Latency> Latencies,
    BankFigures Bank,
    RemoteFigures Remote)
{
    public double IdleRatio => Idle.MessagesPerSecond / Plain.MessagesPerSecond;

    public double SnapshottingRatio => Snapshotting.MessagesPerSecond / Plain.MessagesPerSecond;

    public double StopTheWorldRatio => StopTheWorld.MessagesPerSecond / Plain.MessagesPerSecond;

    public double SnapshottingOverStopTheWorld => Snapshotting.MessagesPerSecond / StopTheWorld.MessagesPerSecond;

    public double IdleExtraBytesPerMessage => Idle.BytesPerMessage - Plain.BytesPerMessage;

    /// <summary>The object <c>--json</c> prints.</summary>
    public object ToJson() => new
    {
        processors = Processors,
        pairs = Pairs,
        messages_per_run = MessagesPerRun,
        plain_msgs_per_s = Math.Round(Plain.MessagesPerSecond),
        idle_msgs_per_s = Math.Round(Idle.MessagesPerSecond),
        snapshotting_msgs_per_s = Math.Round(Snapshotting.MessagesPerSecond),
        stop_the_world_msgs_per_s = Math.Round(StopTheWorld.MessagesPerSecond),
        idle_ratio = Math.Round(IdleRatio, 3),
        snapshotting_ratio = Math.Round(SnapshottingRatio, 3),
        stop_the_world_ratio = Math.Round(StopTheWorldRatio, 3),
        snapshotting_over_stop_the_world = Math.Round(SnapshottingOverStopTheWorld, 2),
        plain_alloc_bytes_per_msg = Math.Round(Plain.BytesPerMessage, 3),
        idle_alloc_bytes_per_msg = Math.Round(Idle.BytesPerMessage, 3),
        idle_alloc_bytes_per_msg_extra = Math.Round(IdleExtraBytesPerMessage, 3),
        snapshotting_alloc_bytes_per_msg = Math.Round(Snapshotting.BytesPerMessage, 3),
        snapshots_taken = Snapshotting.Snapshots,
        snapshots_per_s = Math.Round(Snapshotting.SnapshotsPerSecond, 1),
        stop_the_world_taken = StopTheWorld.Snapshots,
        stop_the_world_per_s = Math.Round(StopTheWorld.SnapshotsPerSecond, 1),
        latency = Latencies.Select(l => l.ToJson()),
        bank = Bank.ToJson(),
        remote = Remote.ToJson(),
    };
}
