using Akka.Actor;
using Snapshot.Runtime.Participants;

namespace Snapshot.Cli.Bench;

/// <summary>Changes a <see cref="GraphParticipant"/>'s declared channels; answered with <see cref="Ready"/>.</summary>
public sealed record Declare(IReadOnlyList<IActorRef> Channels);

/// <summary>An idle participant of a latency run: nothing but its markers travels, so a snapshot's time is the protocol's own.</summary>
public sealed class GraphParticipant : SnapshotReceiveActor
{
    private readonly int _index;

    public GraphParticipant(string group, int index, IActorRef[]? channels) : base(group, channels)
    {
        _index = index;
        Receive<Declare>(declare =>
        {
            DeclareSnapshotChannels(declare.Channels);
            Sender.Tell(Ready.Instance);
        });
    }

    protected override object? CaptureState() => _index;
}
