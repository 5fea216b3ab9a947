using System.Collections.Immutable;
using Akka.Actor;
using Snapshot.Runtime.Participants;

namespace Snapshot.Cli.Deadlock;

/// <summary>
/// An exclusive lock as a participant: the first <see cref="Acquire"/> gets it, later ones queue behind the holder.
/// The demo's users never give a lock back: a run ends at the point the snapshot is taken.
/// </summary>
public sealed class LockActor : SnapshotReceiveActor
{
    private readonly string _resource;
    private IActorRef? _holder;
    private ImmutableList<IActorRef> _queue = [];

    public LockActor(string resource) : base(DeadlockRun.Group)
    {
        _resource = resource;
        Receive<Acquire>(_ =>
        {
            if (_holder is null)
            {
                _holder = Sender;
                Sender.Tell(new Granted(_resource));
            }
            else
            {
                _queue = _queue.Add(Sender);
                Sender.Tell(new Queued(_resource));
            }
        });
    }

    public static Props Props(string resource) => Akka.Actor.Props.Create(() => new LockActor(resource));

    protected override object CaptureState() => new LockState(_resource, _holder, _queue);
}
