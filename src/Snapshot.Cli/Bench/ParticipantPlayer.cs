using Akka.Actor;
using Snapshot.Runtime.Participants;

namespace Snapshot.Cli.Bench;

/// <summary>The same player as <see cref="PlainPlayer"/>, as a snapshot participant that declares one channel: to its partner.</summary>
public sealed class ParticipantPlayer : SnapshotReceiveActor
{
    private readonly Rally _rally = new();

    public ParticipantPlayer(string group) : base(group, channels: [])
    {
        Receive<Ball>(ball =>
        {
            if (_rally.Hit())
                _rally.Partner.Tell(ball);
        });
        Receive<Meet>(meet =>
        {
            _rally.Meet(meet);
            // Told to the coordinator before Ready, so it is there before any snapshot the driver asks for next.
            DeclareSnapshotChannels([meet.Partner]);
            Sender.Tell(Ready.Instance);
        });
        Receive<Serve>(_ => _rally.Partner.Tell(Ball.Instance));
    }

    protected override object? CaptureState() => _rally.Hits;
}
