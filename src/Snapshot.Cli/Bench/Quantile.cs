namespace Snapshot.Cli.Bench;

/// <summary>Quantiles of measured durations.</summary>
public static class Quantile
{
    /// <summary>The value at quantile <paramref name="q"/> of <paramref name="values"/> (nearest rank); 0 when there are none.</summary>
    public static double NearestRank(IReadOnlyList<double> values, double q)
    {
        if (values.Count == 0)
            return 0;
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
