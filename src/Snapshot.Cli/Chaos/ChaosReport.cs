namespace Snapshot.Cli.Chaos;

/// <summary>What a chaos run found, for a table and for <c>--json</c> (whose field names <see cref="ToJson"/> gives).</summary>
public sealed record ChaosReport(
    int Taken,
    int Completed,
    int Failed,
    int Hung,
    int Inconsistent,
    IReadOnlyDictionary<string, int> Reasons,
    int Seed,
    TimeSpan Duration,
    IReadOnlyDictionary<string, int> Faults,
    IReadOnlyList<double> NodeRemovalSeconds,
    IReadOnlyList<string> Problems)
{
    /// <summary>How long the run had injected faults when Ctrl+C stopped it; null when it ran its whole duration.</summary>
    public TimeSpan? InterruptedAfter { get; init; }

    /// <summary>No snapshot hung and none that completed broke the cut check.</summary>
    public bool Passed => Hung == 0 && Inconsistent == 0;

    public static ChaosReport Of(ChaosSettings settings, SnapshotTally snapshots, FaultCounts faults)
    {
        var (taken, completed, failed, hung, inconsistent, reasons, problems) = snapshots.Counts();
        var (counts, removals) = faults.Totals();
        return new ChaosReport(taken, completed, failed, hung, inconsistent, reasons, settings.Seed, settings.Duration, counts, removals, problems);
    }

    public object ToJson() => new
    {
        taken = Taken,
        completed = Completed,
        failed = Failed,
        hung = Hung,
        inconsistent = Inconsistent,
        reasons = Reasons,
        seed = Seed,
        duration_s = Duration.TotalSeconds,
        faults = Faults,
        node_removal_s = NodeRemovalSeconds,
        problems = Problems,
        interrupted_after_s = InterruptedAfter is { } after ? Math.Round(after.TotalSeconds, 3) : (double?)null,
    };
}
