using System.Text;
using Akka.Actor;

namespace Snapshot.Sharding;

/// <summary>
/// A consistent global snapshot of one sharded entity type: every entity's state and every message between its entities
/// that was on its way through the regions at the cut, such that the whole is a state the cluster could have been in.
/// An entity that never started, or that stopped on a node that left before it started again, is not listed.
/// </summary>
/// <param name="Id">The snapshot's number among the snapshots of its type, counted cluster-wide from 1.</param>
/// <param name="TypeName">The entity type (the region's type name), which is the snapshot's group.</param>
/// <param name="Entities">Every entity's state, by entity id in ordinal order.</param>
/// <param name="InFlight">The messages in flight at the cut, in the order the coordinator heard of them.</param>
/// <param name="Nodes">The nodes whose entities it covers.</param>
public sealed record ShardedSnapshot(
    long Id,
    string TypeName,
    IReadOnlyList<EntitySnapshot> Entities,
    IReadOnlyList<EntityMessage> InFlight,
    IReadOnlyList<Address> Nodes,
    DateTimeOffset StartedAt,
    DateTimeOffset CompletedAt)
{
    public TimeSpan Duration => CompletedAt - StartedAt;

    /// <summary>Entities that were running when they recorded.</summary>
    public int Live => Entities.Count(e => !e.Passivated);

    /// <summary>Entities that held no actor: their state is what they handed over when they stopped.</summary>
    public int Passivated => Entities.Count(e => e.Passivated);

    /// <summary>The recorded entity <paramref name="entityId"/>; null when the snapshot does not list it.</summary>
    public EntitySnapshot? Entity(string entityId) => Entities.FirstOrDefault(e => e.EntityId == entityId);

    /// <summary>The snapshot as text: each entity's state, then each message in flight.</summary>
    public string Describe()
    {
        var text = new StringBuilder($"snapshot {Id} of entity type '{TypeName}' ({Live} live, {Passivated} passivated, {InFlight.Count} messages in flight)\n");
        foreach (var entity in Entities)
            text.Append($"  {entity.EntityId}: {entity.State}{(entity.Passivated ? " (passivated)" : "")}\n");
        foreach (var message in InFlight)
            text.Append($"  {message.From} → {message.To}: {message.Message}\n");
        return text.ToString();
    }
}
