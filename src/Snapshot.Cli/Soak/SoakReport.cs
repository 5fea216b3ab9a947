namespace Snapshot.Cli.Soak;

/// <summary>
/// The figures of one <c>snapshot soak</c> run, and whether its memory held flat: the heap after a full collection over
/// the last third of the periods (their median) at most <see cref="SoakSettings.HeapGrowthAllowed"/> above the first
/// third's, and every table of the extension back at its idle size at the end (after the last snapshot's timeout and one
/// more snapshot from each node, as at idle). Medians, because one period's heap moves by a few percent either way with
/// what the payments and remoting hold at that moment.
/// </summary>
/// <param name="Idle">Table sizes before the traffic, after the warm-up snapshots from each node.</param>
/// <param name="End">Table sizes after the traffic stopped, measured as <paramref name="Idle"/> was.</param>
/// <param name="StoppedEarly">Cancelled (Ctrl+C) before <see cref="SoakSettings.Duration"/>.</param>
public sealed record SoakReport(SoakSettings Settings, IReadOnlyDictionary<string, int> Idle, IReadOnlyList<SoakPeriod> Periods,
    IReadOnlyDictionary<string, int> End, long Transfers, bool StoppedEarly)
{
    public long Snapshots => Periods.Sum(p => p.Snapshots);

    public long Failed => Periods.Sum(p => p.Failed);

    public long Inconsistent => Periods.Sum(p => p.Inconsistent);

    /// <summary>The median heap of the first third of the periods (at least one).</summary>
    public long HeapAtStart => MedianHeap(Periods.Take(Third));

    /// <summary>The median heap of the last third of the periods (at least one).</summary>
    public long HeapAtEnd => MedianHeap(Periods.TakeLast(Third));

    /// <summary>How much the heap grew from the first third of the periods to the last, as a fraction of the first.</summary>
    public double HeapGrowth => Periods.Count == 0 ? 0 : (double)HeapAtEnd / HeapAtStart - 1;

    public bool HeapFlat => HeapGrowth <= SoakSettings.HeapGrowthAllowed;

    /// <summary>Every table whose size at the end is not its idle size, with both.</summary>
    public IReadOnlyList<(string Table, int Idle, int End)> NotBackToIdle =>
    [
        .. Idle.Keys.Union(End.Keys).Order(StringComparer.Ordinal)
            .Select(table => (table, Idle.GetValueOrDefault(table), End.GetValueOrDefault(table)))
            .Where(sizes => sizes.Item2 != sizes.Item3),
    ];

    public bool Flat => HeapFlat && NotBackToIdle.Count == 0;

    /// <summary>Flat, with snapshots taken, none of them missing money.</summary>
    public bool Succeeded => Periods.Count > 0 && Snapshots > 0 && Inconsistent == 0 && Flat;

    /// <summary>The object <c>--json</c> prints.</summary>
    public object ToJson() => new
    {
        duration_s = Settings.Duration.TotalSeconds,
        every_s = Settings.Every.TotalSeconds,
        nodes = SoakSettings.Nodes,
        accounts = SoakSettings.Accounts,
        snapshot_timeout_s = SoakSettings.SnapshotTimeout.TotalSeconds,
        stopped_early = StoppedEarly,
        transfers = Transfers,
        snapshots = Snapshots,
        failed = Failed,
        inconsistent = Inconsistent,
        idle = Idle,
        periods = Periods.Select(p => p.ToJson()),
        end = End,
        heap_start_bytes = HeapAtStart,
        heap_end_bytes = HeapAtEnd,
        heap_growth_percent = Math.Round(HeapGrowth * 100, 1),
        heap_growth_allowed_percent = SoakSettings.HeapGrowthAllowed * 100,
        heap_flat = HeapFlat,
        not_back_to_idle = NotBackToIdle.ToDictionary(t => t.Table, t => new { idle = t.Idle, end = t.End }),
        flat = Flat,
        succeeded = Succeeded,
    };

    private int Third => Math.Max(1, Periods.Count / 3);

    private static long MedianHeap(IEnumerable<SoakPeriod> periods)
    {
        var heaps = periods.Select(p => p.HeapBytes).Order().ToArray();
        return heaps.Length == 0 ? 0 : heaps[heaps.Length / 2];
    }
}
