namespace Snapshot.Cli.Soak;

/// <summary>What one period of a <c>snapshot soak</c> measured at its end.</summary>
/// <param name="Elapsed">From the start of the traffic to the end of the period.</param>
/// <param name="HeapBytes">The managed heap after a full collection.</param>
/// <param name="Snapshots">Snapshots completed during the period.</param>
/// <param name="Failed">Snapshots that failed during the period.</param>
/// <param name="Inconsistent">Snapshots completed during the period whose accounts did not hold all the money.</param>
/// <param name="Tables">The size of each of the extension's own tables, summed over the nodes.</param>
public sealed record SoakPeriod(int Number, TimeSpan Elapsed, long HeapBytes, long Snapshots, long Failed, long Inconsistent, IReadOnlyDictionary<string, int> Tables)
{
    public object ToJson() => new
    {
        period = Number,
        elapsed_s = Math.Round(Elapsed.TotalSeconds, 1),
        heap_bytes = HeapBytes,
        snapshots = Snapshots,
        failed = Failed,
        inconsistent = Inconsistent,
        tables = Tables,
    };
}
