using System.Diagnostics;

namespace Snapshot.Cli.Chaos.Processes;

/// <summary>
/// When the bank's group last changed other than by accounts joining a snapshot whole, as the run sees it: a node is
/// departing from the moment the run signals it (or finds it removed, or exited, on its own) until its process has
/// exited, and the cluster removing it is a change too; a node is joining from the start of its process until the
/// client's coordinator lists all its accounts. Until then its accounts, known to the other nodes' payers, take and
/// send money that the client's snapshots do not cover. Used from any thread.
/// </summary>
public sealed class GroupChanges
{
    private readonly object _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _ongoing;
    private TimeSpan? _last;

    /// <summary>Time on this log's clock, for <see cref="LatestAt"/> to compare with.</summary>
    public TimeSpan Now => _clock.Elapsed;

    /// <summary>The group changes until <paramref name="exited"/> completes.</summary>
    public void Changing(Task exited)
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

    /// <summary>The group changed at this moment, such as the cluster removing a node.</summary>
    public void Changed()
    {
        lock (_gate)
            _last = _clock.Elapsed;
    }

    /// <summary>Now while the group is changing; otherwise when it last changed, null when it has not.</summary>
    public TimeSpan? LatestAt()
    {
        lock (_gate)
            return _ongoing > 0 ? _clock.Elapsed : _last;
    }
}
