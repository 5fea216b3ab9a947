using Akka.Actor;

namespace Snapshot.Runtime.Participants;

/// <summary>
/// How a participant that is a sharded entity takes part: what <see cref="IEntityHosting"/> gives a
/// <see cref="SnapshotParticipant"/> created inside a region it hosts, which then routes its message loop and its stop here
/// instead of registering with the coordinator as an actor addressed by ref.
/// </summary>
internal interface IEntityParticipation
{
    /// <summary>The group the entity takes part in.</summary>
    string Group { get; }

    bool AroundReceive(Receive receive, object message, Func<Receive, object, bool> next);

    /// <summary>The entity stopped (passivated, handed off, or restarted): it hands over the state it stops with.</summary>
    void Stopped();
}
