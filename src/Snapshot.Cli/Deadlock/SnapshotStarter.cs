using Akka.Actor;
using Snapshot.Runtime.Participants;

namespace Snapshot.Cli.Deadlock;

/// <summary>Answered by a <see cref="SnapshotStarter"/> once it has handled everything before: its markers are sent.</summary>
public sealed record MarkersSent;

/// <summary>
/// A participant that starts the snapshot of a run whose cut must fall at a known point: it tells (and so sends
/// markers to) only <c>user</c>, and completes <c>recorded</c> when it records.
/// </summary>
public sealed class SnapshotStarter : SnapshotReceiveActor
{
    private readonly TaskCompletionSource _recorded;

    public SnapshotStarter(IActorRef user, TaskCompletionSource recorded) : base(DeadlockRun.Group, channels: [user])
    {
        _recorded = recorded;
        Receive<MarkersSent>(sent => Sender.Tell(sent));
    }

    public static Props Props(IActorRef user, TaskCompletionSource recorded) => Akka.Actor.Props.Create(() => new SnapshotStarter(user, recorded));

    protected override object CaptureState()
    {
        _recorded.TrySetResult();
        return "started the snapshot";
    }
}
