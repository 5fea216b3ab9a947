namespace Snapshot.Cli.Bench;

/// <summary>One timed run, ping-pong or transfers: messages delivered, how long it took, bytes allocated, snapshots taken alongside.</summary>
public sealed record Throughput(long Messages, TimeSpan Elapsed, long AllocatedBytes, int Snapshots)
{
    public double MessagesPerSecond => Messages / Elapsed.TotalSeconds;

    public double BytesPerMessage => (double)AllocatedBytes / Messages;

    public double SnapshotsPerSecond => Snapshots / Elapsed.TotalSeconds;

    /// <summary>The run with the median rate among <paramref name="runs"/>.</summary>
    public static Throughput Median(IReadOnlyList<Throughput> runs) =>
        runs.OrderBy(r => r.MessagesPerSecond).ElementAt(runs.Count / 2);
}
