using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using Snapshot.Runtime.Participants;

namespace Snapshot.Cli.Deadlock;

/// <summary>
/// An exclusive lock as a participant: the first <see cref="Acquire"/> gets it, later ones queue; a
/// <see cref="Release"/> from the holder hands it to the next in the queue.
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
                GrantTo(Sender);
            else
            {
                _queue = _queue.Add(Sender);
                Sender.Tell(new Queued(_resource));
            }
        });
        Receive<Release>(_ => Sender.Equals(_holder), _ =>
        {
            _holder = null;
            if (!_queue.IsEmpty)
            {
                var next = _queue[0];
                _queue = _queue.RemoveAt(0);
                GrantTo(next);
            }
        });
        Receive<Release>(_ => Context.GetLogger().Warning("{0} was released by {1}, which does not hold it", _resource, Sender));
    }

    public static Props Props(string resource) => Akka.Actor.Props.Create(() => new LockActor(resource));

    protected override object CaptureState() => new LockState(_resource, _holder, _queue);

    private void GrantTo(IActorRef user)
    {
        _holder = user;
        user.Tell(new Granted(_resource));
    }
}
