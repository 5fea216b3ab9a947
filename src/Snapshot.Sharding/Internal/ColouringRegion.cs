using Akka.Actor;

namespace Snapshot.Sharding.Internal;

/// <summary>
/// The region ref that <see cref="ShardedSnapshots"/> gives the application: a message an entity of the region's type tells
/// it from its handler leaves coloured with the entity's epoch (<see cref="ColouredMessage"/>), read on the entity's own
/// thread as it tells, which is the moment the protocol needs; anything else goes to the region as it is, an external
/// input to the type's snapshots. It has the region's path, so it equals the region, and a copy sent to another node is
/// that node's plain region.
/// </summary>
internal sealed class ColouringRegion(IInternalActorRef region, EntityHost host) : MinimalActorRef
{
    public override ActorPath Path => region.Path;

    public override IActorRefProvider Provider => region.Provider;

    protected override void TellInternal(object message, IActorRef sender)
    {
        if (EntityParticipant.Current is { } entity && ReferenceEquals(entity.Host, host) && message is not IShardedProtocolMessage)
            region.Tell(new ColouredMessage(host.TypeName, host.Node, entity.EntityId, host.Send(entity.EntityId), message), sender);
        else
            region.Tell(message, sender);
    }
}
