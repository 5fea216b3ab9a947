namespace Snapshot.Cli.Soak;

/// <summary>
/// How long a <c>snapshot soak</c> runs and how often it reports; the bank it runs, the snapshots' timeout and what
/// counts as a flat heap are fixed, so that runs compare.
/// </summary>
public sealed record SoakSettings(TimeSpan Duration, TimeSpan Every)
{
    public const string DurationOption = "--duration";
    public const string EveryOption = "--every";
    public const string DefaultDuration = "30m";
    public const string DefaultEvery = "1m";

    public const int Nodes = 3;

    /// <summary>Accounts of the bank, dealt out over the nodes: enough chains of payments to keep both cores of a small machine busy.</summary>
    public const int Accounts = 30;

    /// <summary>
    /// Most the heap after a full collection may grow from the first third of the periods to the last and still be flat:
    /// the first period ends once pools, caches and remoting's buffers have grown to the traffic, so what grows after is kept.
    /// </summary>
    public const double HeapGrowthAllowed = 0.10;

    /// <summary>How long each snapshot may take; the end waits this out so that only tables of a leak can stay above idle.</summary>
    public static readonly TimeSpan SnapshotTimeout = TimeSpan.FromSeconds(5);

    /// <summary>When each period ends, from the start of the traffic: every <see cref="Every"/>, and at <see cref="Duration"/>.</summary>
    public IEnumerable<TimeSpan> PeriodEnds()
    {
        for (var end = Every; end < Duration; end += Every)
            yield return end;
        yield return Duration;
    }

    public static SoakSettings Parse(string duration, string every)
    {
        var settings = new SoakSettings(DurationText.Parse(duration, DurationOption), DurationText.Parse(every, EveryOption));
        if (settings.Every > settings.Duration)
            throw new UsageException(EveryOption, $"'{every}' is longer than {DurationOption} {duration}: there would be no period to report");
        return settings;
    }
}
