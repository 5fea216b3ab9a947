namespace Snapshot.Cli.Reports;

/// <summary>The snapshots of a run, those that failed, and the figures that sum them up.</summary>
public sealed record SnapshotRunSummary(IReadOnlyList<SnapshotReport> Snapshots, IReadOnlyList<string> Failures, long ExpectedTotal)
{
    public bool AllConserved => Failures.Count == 0 && Snapshots.All(s => s.Conserved && s.ExpectedTotal == ExpectedTotal);

    public double PercentileMs(double percentile)
    {
        if (Snapshots.Count == 0)
            return 0;
        var sorted = Snapshots.Select(s => s.DurationMs).Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    /// <summary>The object <c>--json</c> prints for a run.</summary>
    public object ToJson() => new
    {
        snapshots = Snapshots.Select(s => s.ToJson()),
        failures = Failures,
        expected_total = ExpectedTotal,
        all_conserved = AllConserved,
        p50_ms = Math.Round(PercentileMs(50), 3),
        p99_ms = Math.Round(PercentileMs(99), 3),
    };
}
