using Akka.Actor;
using Snapshot.Runtime.Participants;

namespace Snapshot.Sharding.Internal;

/// <summary>
/// Makes a participant created in a region that <see cref="ShardedSnapshots"/> started an entity of its type: Akka names an
/// entity's actor <c>/system/sharding/type/shard/entity</c>, each part escaped.
/// </summary>
internal sealed class EntityHosting(Func<string, EntityHost?> hostOf) : IEntityHosting
{
    public IEntityParticipation? Adopt(ActorCell cell, Func<object?> captureState, string? group)
    {
        var elements = cell.Self.Path.Elements;
        if (elements.Count != 5 || elements[0] != "system" || elements[1] != "sharding" || hostOf(Uri.UnescapeDataString(elements[2])) is not { } host)
            return null;
        if (group is not null && group != host.TypeName)
            throw new InvalidOperationException($"{cell.Self.Path} is an entity of type '{host.TypeName}', which is its snapshot group: it cannot join group '{group}'");
        return new EntityParticipant(host, cell, captureState);
    }
}
