using Akka.Actor;

namespace Snapshot.Cli.Bench;

/// <summary>Stops a <see cref="PausablePlayer"/>: it answers <see cref="Paused"/> with its state and stashes every other message until <see cref="Resume"/>.</summary>
public sealed class Pause
{
    public static readonly Pause Instance = new();
}

public sealed record Paused(object State);

public sealed class Resume
{
    public static readonly Resume Instance = new();
}

/// <summary>The same player as <see cref="PlainPlayer"/>, for the stop-the-world baseline: it can be paused.</summary>
public sealed class PausablePlayer : ReceiveActor, IWithUnboundedStash
{
    private readonly Rally _rally = new();

    public PausablePlayer() => Become(Playing);

    public IStash Stash { get; set; } = null!;

    private void Playing()
    {
        Receive<Ball>(ball =>
        {
            if (_rally.Hit())
                _rally.Partner.Tell(ball);
        });
        Receive<Meet>(meet =>
        {
            _rally.Meet(meet);
            Sender.Tell(Ready.Instance);
        });
        Receive<Serve>(_ => _rally.Partner.Tell(Ball.Instance));
        Receive<Pause>(_ =>
        {
            Sender.Tell(new Paused(_rally.Hits));
            Become(Stopped);
        });
    }

    private void Stopped()
    {
        Receive<Resume>(_ =>
        {
            Stash.UnstashAll();
            Become(Playing);
        });
        ReceiveAny(_ => Stash.Stash());
    }
}
