using Akka.Actor;
using Snapshot.Runtime.Participants;

namespace Snapshot.Cli.Deadlock;

/// <summary>
/// A process that takes locks when told to (<see cref="Take"/>) and answers once it knows whether it holds the lock
/// or waits for it: the acknowledgement a run waits on before its next step, so no step races the one before.
/// </summary>
public sealed class LockUser : SnapshotReceiveActor
{
    private readonly Dictionary<string, IActorRef> _answerTo = [];
    private LockUserState _state = LockUserState.Empty;

    public LockUser() : base(DeadlockRun.Group)
    {
        Receive<Take>(take =>
        {
            _state = _state with { Awaited = _state.Awaited.Add(take.Resource) };
            _answerTo[take.Resource] = Sender;
            take.Lock.Tell(new Acquire());
        });
        Receive<Granted>(granted =>
        {
            _state = new LockUserState(_state.Held.Add(granted.Resource), _state.Awaited.Remove(granted.Resource));
            Answer(granted.Resource, holds: true);
        });
        Receive<Queued>(queued => Answer(queued.Resource, holds: false));
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new LockUser());

    protected override object CaptureState() => _state;

    // Each Take is answered once, when the lock has granted or queued it.
    private void Answer(string resource, bool holds)
    {
        if (_answerTo.Remove(resource, out var asker))
            asker.Tell(new LockOutcome(Self.Path.Name, resource, holds));
    }
}
