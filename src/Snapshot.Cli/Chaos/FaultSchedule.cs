namespace Snapshot.Cli.Chaos;

/// <summary>The faults of a chaos run, drawn from its seed: the same seed gives the same schedule.</summary>
public sealed record FaultSchedule(IReadOnlyList<ScheduledFault> Faults)
{
    public static readonly TimeSpan Start = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan QuietEnd = TimeSpan.FromSeconds(2);

    // Out of 20: crashes are the rarest because the cluster takes seconds to down a node and a new one to join, and
    // drops and crashes wait for that; restarts the most common, as only one in three hits a snapshot started on the
    // restarted account's own node, the one that hears of the restart.
    private static readonly (FaultKind Kind, int Weight)[] Weights =
    [
        (FaultKind.RestartParticipant, 9),
        (FaultKind.StopParticipant, 4),
        (FaultKind.DropAssociation, 5),
        (FaultKind.CrashNode, 2),
    ];

    public static FaultSchedule Generate(int seed, TimeSpan duration)
    {
        var random = new Random(seed);
        var faults = new List<ScheduledFault>();
        for (var at = Start; at <= duration - QuietEnd; at += TimeSpan.FromMilliseconds(random.Next(1_000, 2_500)))
            faults.Add(new ScheduledFault(at, WeightedDraw.Of(Weights, random), random.Next(), random.Next(), random.Next(2) == 0));
        return new FaultSchedule(faults);
    }
}
