namespace Snapshot.Cli.Chaos.Processes;

/// <summary>
/// The faults of a process chaos run, drawn from its seed: the same seed gives the same faults, in the same order, to
/// the same node numbers (their timing follows the cluster's). Each fault waits for the previous one to be repaired:
/// two nodes down at once would leave the client and one node against two, and the split brain resolver might down
/// the client's side.
/// </summary>
public static class ProcessFaultSchedule
{
    /// <summary>
    /// The first faults, quickest first, so that even a short run sees each kind: a freeze is over in seconds, a leave
    /// once the node has left and its replacement joined, a kill only once the cluster has also downed the node.
    /// </summary>
    public static readonly IReadOnlyList<ProcessFaultKind> Opening = [ProcessFaultKind.Freeze, ProcessFaultKind.Leave, ProcessFaultKind.Kill];

    /// <summary>
    /// Shorter than the cluster's failure detector and split brain resolver together (unreachable after about three
    /// seconds of silence, downed after five more): a frozen node comes back a member, and snapshots spanning the
    /// freeze fail or complete late.
    /// </summary>
    public static readonly TimeSpan ShortestFreeze = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan LongestFreeze = TimeSpan.FromSeconds(4);

    // Out of 10 after the opening: kills the most common, as the fault the issue is about.
    private static readonly (ProcessFaultKind Kind, int Weight)[] Weights =
    [
        (ProcessFaultKind.Kill, 4),
        (ProcessFaultKind.Freeze, 4),
        (ProcessFaultKind.Leave, 2),
    ];

    /// <summary>Endless: the run takes faults until its time is up.</summary>
    public static IEnumerable<ProcessFault> Generate(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; ; i++)
        {
            var kind = i < Opening.Count ? Opening[i] : WeightedDraw.Of(Weights, random);
            var frozenFor = ShortestFreeze + TimeSpan.FromMilliseconds(random.Next((int)(LongestFreeze - ShortestFreeze).TotalMilliseconds));
            yield return new ProcessFault(TimeSpan.FromMilliseconds(random.Next(1_000, 2_500)), kind, random.Next(), frozenFor);
        }
    }
}
