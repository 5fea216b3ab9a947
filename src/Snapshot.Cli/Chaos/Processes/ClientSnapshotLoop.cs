using Akka.Actor;
using Snapshot.Cli.Bank;
using Snapshot.Runtime;

namespace Snapshot.Cli.Chaos.Processes;

/// <summary>
/// Takes snapshots of the bank from the client node of a process chaos run, one after another without pause, until
/// stopped. Each is timed by this loop, never trusting the library to answer: no answer within
/// <see cref="ChaosSettings.HungAfter"/> is a hung snapshot. A completed one must pass <see cref="BankConservation"/>.
/// Half are started by every participant at once, half by one account of the last completed snapshot.
/// </summary>
public sealed class ClientSnapshotLoop
{
    /// <summary>After a failure only: a snapshot that fails at once (a node unreachable) would otherwise spin.</summary>
    private static readonly TimeSpan PauseAfterFailure = TimeSpan.FromMilliseconds(100);

    private readonly ActorSystem _client;
    private readonly SnapshotTally _tally;
    private readonly GroupChanges _departures;
    private readonly Random _random;
    private readonly Action<string> _progress;
    private readonly BankConservation _conservation = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private IReadOnlyList<IActorRef> _lastParticipants = [];
    private int _rebased;

    private ClientSnapshotLoop(ActorSystem client, SnapshotTally tally, GroupChanges groupChanges, int seed, Action<string> progress)
    {
        _client = client;
        _tally = tally;
        _departures = groupChanges;
        _random = new Random(seed);
        _progress = progress;
        _running = Task.Run(RunAsync);
    }

    /// <summary>Completed snapshots that started a new baseline after a node departed.</summary>
    public int Rebased => Volatile.Read(ref _rebased);

    public static ClientSnapshotLoop Start(ActorSystem client, SnapshotTally tally, GroupChanges groupChanges, int seed, Action<string> progress) =>
        new(client, tally, groupChanges, seed, progress);

    /// <summary>Starts no more snapshots and waits for the one in flight to end, or to be found hung.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _running;
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            if (await TakeOneAsync())
                continue;
            try
            {
                await Task.Delay(PauseAfterFailure, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <returns>Whether the snapshot completed.</returns>
    private async Task<bool> TakeOneAsync()
    {
        var initiator = _lastParticipants.Count > 0 && _random.Next(2) == 0 ? _lastParticipants[_random.Next(_lastParticipants.Count)] : null;
        var startedAt = _departures.Now;
        var changedAt = _departures.LatestAt();
        var started = DateTime.UtcNow;
        _tally.Taken();
        var take = GlobalSnapshots.Get(_client).TakeAsync(BankAccount.Group, initiator, ChaosSettings.SnapshotTimeout);
        if (await Task.WhenAny(take, Task.Delay(ChaosSettings.HungAfter)) != take)
        {
            _ = take.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
            Report(_tally.Hung, $"started at {started:HH:mm:ss.fff}, initiated by {initiator?.Path.ToString() ?? "every participant"}: no answer after {DurationText.Format(ChaosSettings.HungAfter)}");
            return false;
        }
        try
        {
            var snapshot = await take;
            var verdict = _conservation.Check(snapshot, startedAt, changedAt);
            if (verdict.Violations.Count > 0)
            {
                Report(_tally.Inconsistent, $"snapshot {snapshot.Id}: {string.Join("; ", verdict.Violations)}\n{snapshot.Describe()}");
                return true;
            }
            _tally.Completed();
            if (verdict.Rebased)
                Interlocked.Increment(ref _rebased);
            _lastParticipants = [.. snapshot.Processes.Select(p => p.Participant)];
            return true;
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
        return false;
    }

    private void Report(Action<string> outcome, string detail)
    {
        outcome(detail);
        _progress(detail);
    }
}
