using System.Diagnostics;

namespace Snapshot.Cli.Chaos.Processes;

/// <summary>
/// When nodes last departed, as the run sees it: a node is departing from the moment the run signals it (or finds it
/// removed, or exited, on its own) until its process has exited; the cluster removing it is a departure too. Used
/// from any thread.
/// </summary>
public sealed class Departures
{
    private readonly object _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _ongoing;
    private TimeSpan? _last;

    /// <summary>Time on this log's clock, for <see cref="LatestAt"/> to compare with.</summary>
    public TimeSpan Now => _clock.Elapsed;

    /// <summary>A node departs until <paramref name="exited"/> completes.</summary>
    public void Departing(Task exited)
    {
        lock (_gate)
        {
            _ongoing++;
            _last = _clock.Elapsed;
        }
        exited.ContinueWith(_ =>
        {
            lock (_gate)
            {
                _ongoing--;
                _last = _clock.Elapsed;
            }
        }, TaskScheduler.Default);
    }

    /// <summary>A node departed at this moment, such as the cluster removing it.</summary>
    public void Departed()
    {
        lock (_gate)
            _last = _clock.Elapsed;
    }

    /// <summary>Now while a node is departing; otherwise when the last one departed, null when none has.</summary>
    public TimeSpan? LatestAt()
    {
        lock (_gate)
            return _ongoing > 0 ? _clock.Elapsed : _last;
    }
}
