namespace Snapshot.Cli.Bench;

/// <summary>
/// The snapshots taken back to back during transfer runs: how long each took (from TakeAsync to its result), how many
/// did not conserve the money, how many left out an account, and how many failed or timed out instead of completing.
/// </summary>
public sealed record SnapshotSeries(IReadOnlyList<double> DurationsMs, int ConservationViolations, int Incomplete, int Failures)
{
    public static readonly SnapshotSeries None = new([], 0, 0, 0);

    public int Taken => DurationsMs.Count;

    /// <summary>Snapshots started: those taken and those that failed.</summary>
    public int Attempts => Taken + Failures;

    public static SnapshotSeries Concat(IEnumerable<SnapshotSeries> series)
    {
        var all = series.ToArray();
        return new SnapshotSeries([.. all.SelectMany(s => s.DurationsMs)], all.Sum(s => s.ConservationViolations), all.Sum(s => s.Incomplete),
            all.Sum(s => s.Failures));
    }

    /// <summary>The duration at quantile <paramref name="q"/> (nearest rank); 0 when none completed.</summary>
    public double PercentileMs(double q) => Quantile.NearestRank(DurationsMs, q);

    public double MaxMs => Taken == 0 ? 0 : DurationsMs.Max();
}
