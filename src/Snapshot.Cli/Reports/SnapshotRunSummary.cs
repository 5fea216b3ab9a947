namespace Snapshot.Cli.Reports;

/// <summary>The snapshots of a run, those that failed, and the figures that sum them up.</summary>
public sealed record SnapshotRunSummary(IReadOnlyList<SnapshotReport> Snapshots, IReadOnlyList<string> Failures, long ExpectedTotal)
{
    /// <summary>How many times a node saw another unreachable while the run watched its cluster; null when it did not watch.</summary>
    public int? UnreachableEvents { get; init; }

    /// <summary>Ctrl+C stopped the run: these are the snapshots it had taken by then.</summary>
    public bool Interrupted { get; init; }

    /// <summary>No snapshot failed, and each one whose total is comparable holds the bank's money.</summary>
    public bool AllConserved => Failures.Count == 0 && Snapshots.All(s => !s.TotalComparable || (s.Conserved && s.ExpectedTotal == ExpectedTotal));

    /// <summary>Snapshots whose total covers part of the bank (<see cref="SnapshotReport.TotalComparable"/>).</summary>
    public int NotComparable => Snapshots.Count(s => !s.TotalComparable);

    public double PercentileMs(double percentile) => Percentile.Of(Snapshots.Select(s => s.DurationMs), percentile);

    /// <summary>The object <c>--json</c> prints for a run: <c>unreachable_events</c> only when the run watched for them.</summary>
    public object ToJson()
    {
        var json = new Dictionary<string, object>
        {
            ["snapshots"] = Snapshots.Select(s => s.ToJson()),
            ["failures"] = Failures,
            ["expected_total"] = ExpectedTotal,
            ["all_conserved"] = AllConserved,
            ["not_comparable"] = NotComparable,
            ["interrupted"] = Interrupted,
            ["p50_ms"] = Math.Round(PercentileMs(50), 3),
            ["p99_ms"] = Math.Round(PercentileMs(99), 3),
        };
        if (UnreachableEvents is { } events)
            json["unreachable_events"] = events;
        return json;
    }
}
