using Akka.Actor;

namespace Snapshot.Runtime.Participants;

/// <summary>
/// What a feature that hosts sharded entities (Snapshot.Sharding) registers with <see cref="GlobalSnapshots"/>, so that the
/// participant base classes take part as entities inside its regions without the runtime depending on it.
/// </summary>
internal interface IEntityHosting
{
    /// <summary>The entity's participation when <paramref name="cell"/> is an entity of a region it hosts; null when it is no entity.</summary>
    /// <exception cref="InvalidOperationException">An entity of a region started without it, whose messages carry no snapshot colour.</exception>
    IEntityParticipation? Adopt(ActorCell cell, Func<object?> captureState, string? group);
}
