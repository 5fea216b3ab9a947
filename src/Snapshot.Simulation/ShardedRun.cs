namespace Snapshot.Simulation;

/// <summary>
/// What a <see cref="ShardedSimulator"/> run did: each snapshot completed, and the trace in the order things happened
/// (<see cref="ShardedEvent.Sequence"/>), for a check of the cut.
/// </summary>
public sealed record ShardedRun(IReadOnlyList<ShardedRun.Snapshot> Snapshots, IReadOnlyList<ShardedEvent> Trace, long Steps)
{
    /// <summary>A completed snapshot: each entity's tokens as recorded, and the payments in flight at the cut.</summary>
    public sealed record Snapshot(long Number, IReadOnlyDictionary<string, long> Tokens, IReadOnlyList<ShardedPayment> InFlight);
}

/// <summary>A payment between entities, through the regions.</summary>
public sealed record ShardedPayment(long Id, string From, string To, long Tokens);

/// <summary>One thing that happened in a <see cref="ShardedSimulator"/> run, numbered in the order it happened.</summary>
public abstract record ShardedEvent(long Sequence)
{
    public sealed record Sent(long Sequence, ShardedPayment Payment) : ShardedEvent(Sequence);

    public sealed record Handled(long Sequence, ShardedPayment Payment) : ShardedEvent(Sequence);

    /// <summary>
    /// Entity <paramref name="Entity"/> recorded <paramref name="Tokens"/> for snapshot <paramref name="Snapshot"/>, or, when
    /// <paramref name="Passivated"/>, its node did for it, as it passivated or while it was.
    /// </summary>
    public sealed record Recorded(long Sequence, long Snapshot, string Entity, long Tokens, bool Passivated) : ShardedEvent(Sequence);
}
