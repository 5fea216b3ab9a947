namespace Snapshot.Cli.Bench;

/// <summary>
/// The snapshots taken back to back during transfer runs: how long each took (from TakeAsync to its result), how many
/// did not conserve the money, and how many failed or timed out instead of completing.
/// </summary>
public sealed record SnapshotSeries(IReadOnlyList<double> DurationsMs, int ConservationViolations, int Failures)
{
    public static readonly SnapshotSeries None = new([], 0, 0);

    public int Taken => DurationsMs.Count;

    public static SnapshotSeries Concat(IEnumerable<SnapshotSeries> series)
    {
        var all = series.ToArray();
        return new SnapshotSeries([.. all.SelectMany(s => s.DurationsMs)], all.Sum(s => s.ConservationViolations), all.Sum(s => s.Failures));
    }

    /// <summary>The duration at quantile <paramref name="q"/> (nearest rank); 0 when none completed.</summary>
    public double PercentileMs(double q)
    {
        if (Taken == 0)
            return 0;
        var sorted = DurationsMs.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    public double MaxMs => Taken == 0 ? 0 : DurationsMs.Max();
}
