namespace Snapshot.Cli.Reports;

/// <summary>The nearest-rank percentile of a run's snapshot durations, as the reports print it.</summary>
public static class Percentile
{
    /// <returns>0 when there is no value.</returns>
    public static double Of(IEnumerable<double> values, double percentile)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
            return 0;
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
