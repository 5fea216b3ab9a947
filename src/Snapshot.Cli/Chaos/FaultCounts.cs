namespace Snapshot.Cli.Chaos;

/// <summary>The faults a chaos run injected, by what happened, and how long the cluster took to remove each crashed node.</summary>
public sealed class FaultCounts
{
    public const string ParticipantRestarts = "participant_restarts";
    public const string ParticipantStops = "participant_stops";
    public const string AssociationDrops = "association_drops";
    public const string NodeCrashes = "node_crashes";
    public const string NodeJoins = "node_joins";
    public const string NodesNotRemoved = "nodes_not_removed";
    public const string NodeJoinFailures = "node_join_failures";
    public const string NodesLostOnTheirOwn = "nodes_lost_on_their_own";

    private readonly object _gate = new();
    private readonly SortedDictionary<string, int> _counts = new(StringComparer.Ordinal)
    {
        [ParticipantRestarts] = 0,
        [ParticipantStops] = 0,
        [AssociationDrops] = 0,
        [NodeCrashes] = 0,
        [NodeJoins] = 0,
    };
    private readonly List<double> _removalSeconds = [];

    public void Count(string what)
    {
        lock (_gate)
            _counts[what] = _counts.GetValueOrDefault(what) + 1;
    }

    public void NodeRemovedAfter(TimeSpan waited)
    {
        lock (_gate)
            _removalSeconds.Add(Math.Round(waited.TotalSeconds, 1));
    }

    public (IReadOnlyDictionary<string, int> Counts, IReadOnlyList<double> RemovalSeconds) Totals()
    {
        lock (_gate)
            return (new SortedDictionary<string, int>(_counts, StringComparer.Ordinal), [.. _removalSeconds]);
    }
}
