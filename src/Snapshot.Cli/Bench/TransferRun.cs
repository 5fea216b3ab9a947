namespace Snapshot.Cli.Bench;

/// <summary>One timed transfer run: its throughput (one message is one transfer), and the snapshots taken alongside.</summary>
public sealed record TransferRun(Throughput Throughput, SnapshotSeries Snapshots);
