namespace Snapshot.Cli.Chaos.Processes;

/// <summary>
/// What a process chaos run did to node processes (<see cref="Injected"/>, each kind counted from zero), what happened
/// that it did not ask for (<see cref="Unplanned"/>), and how long the cluster took to remove each node that was
/// killed. Counted from any thread.
/// </summary>
public sealed class ProcessFaultCounts
{
    public const string Killed = "processes_killed";
    public const string Frozen = "processes_frozen";
    public const string Left = "processes_left";
    public const string Restarted = "processes_restarted";

    public const string ExitedOnTheirOwn = "nodes_exited_on_their_own";
    public const string DownedOnTheirOwn = "nodes_downed_on_their_own";
    public const string NotRemoved = "nodes_not_removed";
    public const string LeavesNotFinished = "leaves_not_finished";
    public const string StartsNotJoined = "node_starts_not_joined";

    private readonly object _gate = new();
    private readonly SortedDictionary<string, int> _injected = new(StringComparer.Ordinal) { [Killed] = 0, [Frozen] = 0, [Left] = 0, [Restarted] = 0 };
    private readonly SortedDictionary<string, int> _unplanned = new(StringComparer.Ordinal);
    private readonly List<double> _removalSeconds = [];

    public void Injected(string what) => Add(_injected, what);

    public void Unplanned(string what) => Add(_unplanned, what);

    public void NodeRemovedAfter(TimeSpan waited)
    {
        lock (_gate)
            _removalSeconds.Add(Math.Round(waited.TotalSeconds, 1));
    }

    public (IReadOnlyDictionary<string, int> Injected, IReadOnlyDictionary<string, int> Unplanned, IReadOnlyList<double> RemovalSeconds) Totals()
    {
        lock (_gate)
            return (new SortedDictionary<string, int>(_injected, StringComparer.Ordinal), new SortedDictionary<string, int>(_unplanned, StringComparer.Ordinal), [.. _removalSeconds]);
    }

    private void Add(SortedDictionary<string, int> counts, string what)
    {
        lock (_gate)
            counts[what] = counts.GetValueOrDefault(what) + 1;
    }
}
