using Akka.Actor;

namespace Snapshot.Restore.Internal;

/// <summary>
/// Delivers one restore's replays: each participant's messages in order, then the end of its replay, and waits until
/// every participant has put its replay in front of its mailbox. Answers the one who started it with the count of
/// messages replayed, or a failure naming the participant at fault, and stops.
/// </summary>
internal sealed class Restorer : ReceiveActor, IWithTimers
{
    private readonly Dictionary<IActorRef, string> _pending = [];
    private readonly string _group;
    private IActorRef _replyTo = ActorRefs.Nobody;

    public Restorer(Guid restore, string group, IReadOnlyList<Replay> replays, TimeSpan timeout)
    {
        _group = group;
        Receive<StartReplay>(_ =>
        {
            _replyTo = Sender;
            foreach (var replay in replays)
                Send(restore, replay);
            Timers.StartSingleTimer(nameof(ReplayTimedOut), new ReplayTimedOut(), timeout);
        });
        Receive<ReplayDelivered>(delivered =>
        {
            if (!_pending.Remove(delivered.Participant, out var name))
                return;
            Context.Unwatch(delivered.Participant);
            if (delivered.Group != group)
                Fail($"participant {name} joined group '{delivered.Group}', not the snapshot's group '{group}'");
            else if (_pending.Count == 0)
                Finish(new Status.Success(replays.Sum(r => r.Messages.Count)));
        });
        Receive<ReplayRefused>(refused =>
        {
            if (_pending.TryGetValue(refused.Participant, out var name))
                Fail($"participant {name} ({refused.Participant.Path}) refused its replay: {refused.Reason}");
        });
        Receive<Terminated>(terminated =>
        {
            if (_pending.TryGetValue(terminated.ActorRef, out var name))
                Fail($"participant {name} ({terminated.ActorRef.Path}) stopped before its replay was delivered");
        });
        Receive<ReplayTimedOut>(_ => Fail(
            $"participants {string.Join(", ", _pending.Values)} did not take their replay within {timeout.TotalSeconds:0.###} s: create each with its RestoringParticipant.Ticket"));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(Guid restore, string group, IReadOnlyList<Replay> replays, TimeSpan timeout) =>
        Akka.Actor.Props.Create(() => new Restorer(restore, group, replays, timeout));

    private void Send(Guid restore, Replay replay)
    {
        _pending[replay.Participant] = replay.Name;
        Context.Watch(replay.Participant);
        foreach (var envelope in replay.Messages)
            replay.Participant.Tell(new ReplayMessage(restore, envelope.Sender, envelope.Message), Self);
        replay.Participant.Tell(new ReplayEnd(restore, replay.Messages.Count), Self);
    }

    private void Fail(string reason) => Finish(new Status.Failure(new RestoreFailedException(_group, reason)));

    private void Finish(Status outcome)
    {
        _replyTo.Tell(outcome);
        Context.Stop(Self);
    }

    /// <summary>From the restore: send the replays and answer once they are all delivered.</summary>
    public sealed record StartReplay;

    private sealed record ReplayTimedOut;
}
