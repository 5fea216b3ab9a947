using Akka.Actor;
using Snapshot.Runtime;

namespace Snapshot.Cli.Chaos;

/// <summary>
/// Takes snapshots from one node, one at a time, a short pause between them, until stopped. Each one is timed by
/// this loop, never trusting the library to answer: no answer within <see cref="ChaosSettings.HungAfter"/> is a
/// hung snapshot. A completed one must pass <see cref="CutCheck"/>.
/// </summary>
public sealed class SnapshotLoop
{
    private readonly ChaosNode _node;
    private readonly ChaosCluster _cluster;
    private readonly SnapshotTally _tally;
    private readonly Random _random;
    private readonly Action<string> _progress;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private AccountHandle? _failingInitiator;

    private SnapshotLoop(ChaosNode node, ChaosCluster cluster, SnapshotTally tally, Random random, Action<string> progress)
    {
        _node = node;
        _cluster = cluster;
        _tally = tally;
        _random = random;
        _progress = progress;
        _running = Task.Run(RunAsync);
    }

    public static SnapshotLoop Start(ChaosNode node, ChaosCluster cluster, SnapshotTally tally, Random random, Action<string> progress) =>
        new(node, cluster, tally, random, progress);

    /// <summary>Has <paramref name="account"/>, on this loop's node, initiate the next snapshot and fail right after it records for it.</summary>
    public void FailNextInitiator(AccountHandle account) => Volatile.Write(ref _failingInitiator, account);

    /// <summary>Starts no more snapshots and waits for the one in flight to end, or to be found hung.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _running;
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested && _node.IsUp)
        {
            await TakeOneAsync();
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(_random.Next(100, 200)), _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task TakeOneAsync()
    {
        // Told before the snapshot starts, the failing initiator most likely breaks as it records for this snapshot,
        // started on its own node: the one node whose coordinator hears of its restart.
        var failing = Interlocked.Exchange(ref _failingInitiator, null);
        failing?.Ref.Tell(new BreakWhileRecording(StopForGood: false));
        // Half of the others initiated by one account, on this node or another, half started by every participant at once.
        var accounts = _cluster.Accounts;
        var initiator = failing ?? (accounts.Count > 0 && _random.Next(2) == 0 ? accounts[_random.Next(accounts.Count)] : null);
        var started = DateTime.UtcNow;
        _tally.Taken();
        var take = GlobalSnapshots.Get(_node.System).TakeAsync(ChaosAccount.Group, initiator is null ? null : ChaosCluster.Reach(_node, initiator), ChaosSettings.SnapshotTimeout);
        if (await Task.WhenAny(take, Task.Delay(ChaosSettings.HungAfter)) != take)
        {
            _ = take.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
            // The cluster downed the node on its own: nobody is left there to answer.
            if (!_node.IsUp)
                _tally.Failed("InitiatorNodeDown");
            else
                Report(_tally.Hung, $"from {_node} at {started:HH:mm:ss.fff}, initiated by {initiator?.Name ?? "every participant"}: no answer after {DurationText.Format(ChaosSettings.HungAfter)}");
            return;
        }
        try
        {
            var snapshot = await take;
            var violations = CutCheck.Violations(snapshot);
            if (violations.Count == 0)
                _tally.Completed();
            else
                Report(_tally.Inconsistent, $"snapshot {snapshot.Id} from {_node}: {string.Join("; ", violations)}\n{snapshot.Describe()}");
        }
        catch (SnapshotFailedException e)
        {
            _tally.Failed(e.Reason.ToString());
        }
        catch (Exception e)
        {
            // Not how the library says a snapshot failed: counted under its own name, for a person to look at.
            _tally.Failed(e.GetType().Name);
        }
    }

    private void Report(Action<string> outcome, string detail)
    {
        outcome(detail);
        _progress(detail);
    }
}
