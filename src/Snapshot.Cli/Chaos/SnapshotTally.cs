namespace Snapshot.Cli.Chaos;

/// <summary>
/// How the snapshots of a chaos run ended, counted as they end, from any thread. The four outcomes exclude each
/// other: completed means completed and consistent.
/// </summary>
public sealed class SnapshotTally
{
    /// <summary>Problems kept in full; more are counted but not described.</summary>
    private const int ProblemsKept = 10;

    private readonly object _gate = new();
    private readonly SortedDictionary<string, int> _reasons = new(StringComparer.Ordinal);
    private readonly List<string> _problems = [];
    private int _taken;
    private int _completed;
    private int _failed;
    private int _hung;
    private int _inconsistent;

    public void Taken() => Interlocked.Increment(ref _taken);

    public void Completed() => Interlocked.Increment(ref _completed);

    /// <param name="reason">The failure reason's name, so that reasons the library adds are counted without a change here.</param>
    public void Failed(string reason)
    {
        lock (_gate)
        {
            _failed++;
            _reasons[reason] = _reasons.GetValueOrDefault(reason) + 1;
        }
    }

    public void Hung(string detail)
    {
        lock (_gate)
        {
            _hung++;
            Keep($"hung: {detail}");
        }
    }

    public void Inconsistent(string detail)
    {
        lock (_gate)
        {
            _inconsistent++;
            Keep($"inconsistent: {detail}");
        }
    }

    public (int Taken, int Completed, int Failed, int Hung, int Inconsistent, IReadOnlyDictionary<string, int> Reasons, IReadOnlyList<string> Problems) Counts()
    {
        lock (_gate)
            return (_taken, _completed, _failed, _hung, _inconsistent, new SortedDictionary<string, int>(_reasons, StringComparer.Ordinal), [.. _problems]);
    }

    private void Keep(string problem)
    {
        if (_problems.Count < ProblemsKept)
            _problems.Add(problem);
    }
}
