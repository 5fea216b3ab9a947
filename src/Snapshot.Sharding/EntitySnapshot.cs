namespace Snapshot.Sharding;

/// <summary>One entity's state in a <see cref="ShardedSnapshot"/>.</summary>
/// <param name="EntityId">The entity's id, as its message extractor gives it.</param>
/// <param name="State">What the entity's <c>CaptureState</c> returned.</param>
/// <param name="Passivated">
/// True when the entity held no actor at the cut: <paramref name="State"/> is what it returned as it stopped (passivated,
/// or handed off with its shard).
/// </param>
public sealed record EntitySnapshot(string EntityId, object? State, bool Passivated);
