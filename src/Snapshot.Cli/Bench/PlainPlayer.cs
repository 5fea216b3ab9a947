using Akka.Actor;

namespace Snapshot.Cli.Bench;

/// <summary>A ping-pong player as a plain <see cref="ReceiveActor"/>: the baseline.</summary>
public sealed class PlainPlayer : ReceiveActor
{
    private readonly Rally _rally = new();

    public PlainPlayer()
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
    }
}
