using Akka.Actor;

namespace Snapshot.Runtime.Participants;

/// <summary>Akka.Cluster.Sharding names an entity's actor <c>/system/sharding/type/shard/entity</c>, each part escaped.</summary>
internal static class EntityPath
{
    /// <summary>The entity type of the actor at <paramref name="path"/>; null when it is no sharded entity.</summary>
    public static string? TypeName(ActorPath path)
    {
        var elements = path.Elements;
        return elements.Count == 5 && elements[0] == "system" && elements[1] == "sharding" ? Uri.UnescapeDataString(elements[2]) : null;
    }
}
