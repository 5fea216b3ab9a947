namespace Snapshot.Simulation;

/// <summary>
/// A run of <see cref="ShardedSimulator"/>: entities homed on nodes, some started with tokens, some never started until
/// a payment reaches them; for <see cref="PayingSteps"/> steps each live entity pays an entity it picks at random with
/// probability <see cref="PaymentChance"/> a step, through the regions; an idle entity passivates with probability
/// <see cref="PassivateChance"/> a step; snapshots are requested at the given steps and run one at a time; every delay
/// and choice comes from <see cref="Seed"/>.
/// </summary>
/// <param name="MaxDelay">Most steps a payment waits between its sender and its receiver's mailbox (in regions and shards), each drawn on its own: payments overtake each other.</param>
public sealed record ShardedScenario(
    int Seed,
    int Nodes,
    IReadOnlyList<ShardedEntity> Entities,
    IReadOnlyList<long> Snapshots,
    long PayingSteps,
    double PaymentChance,
    double HandleChance,
    double PassivateChance,
    int MaxDelay)
{
    public override string ToString() =>
        $"seed {Seed}: {Nodes} node(s), entities {string.Join(" ", Entities.Select(e => $"{e.Id}@{e.Node}:{(e.Started ? e.Tokens.ToString() : "unstarted")}"))}, " +
        $"snapshots at {string.Join(" ", Snapshots)}, paying {PayingSteps} steps at {PaymentChance:0.##}, handling at {HandleChance:0.##}, " +
        $"passivating at {PassivateChance:0.##}, delays up to {MaxDelay}";
}

/// <summary>An entity of a <see cref="ShardedScenario"/>: its id, the node its shard lives on, and whether it is live at the start, with its tokens.</summary>
public sealed record ShardedEntity(string Id, int Node, bool Started, long Tokens);
