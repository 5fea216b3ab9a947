using Akka.Actor;
using Snapshot.Runtime.Participants;

namespace Snapshot.Sharding.Internal;

/// <summary>Makes a participant created in a region that <see cref="ShardedSnapshots"/> started an entity of its type.</summary>
internal sealed class EntityHosting(Func<string, EntityHost?> hostOf) : IEntityHosting
{
    public IEntityParticipation? Adopt(ActorCell cell, Func<object?> captureState, string? group)
    {
        if (EntityPath.TypeName(cell.Self.Path) is not { } typeName || hostOf(typeName) is not { } host)
            return null;
        if (group is not null && group != host.TypeName)
            throw new InvalidOperationException($"{cell.Self.Path} is an entity of type '{host.TypeName}', which is its snapshot group: it cannot join group '{group}'");
        return new EntityParticipant(host, cell, captureState);
    }
}
