namespace Snapshot.Simulation;

/// <summary>
/// A run of <see cref="StampedSimulator"/>: members spread over nodes, each holding tokens; for <see cref="PayingSteps"/>
/// steps each member pays a member it picks at random (on any node, itself included) with probability
/// <see cref="PaymentChance"/> a step; snapshots start at the given steps from the given nodes; association delays,
/// mailbox handling and every choice come from <see cref="Seed"/>.
/// </summary>
/// <param name="Members">Each member's name, node (0 to <see cref="Nodes"/> - 1) and tokens.</param>
/// <param name="Snapshots">When each snapshot starts and the node whose coordinator starts it.</param>
/// <param name="HandleChance">Probability a step that a member handles the message at the head of its mailbox.</param>
public sealed record StampedScenario(
    int Seed,
    int Nodes,
    IReadOnlyList<StampedMember> Members,
    IReadOnlyList<StampedStart> Snapshots,
    long PayingSteps,
    double PaymentChance,
    double HandleChance)
{
    /// <summary>Every pair of members, a member and itself included: any member may tell any other.</summary>
    public Topology Topology => new(
        $"seed {Seed}",
        [.. Members.Select(m => new ServerSpec(m.Name, m.Tokens))],
        [.. Members.SelectMany(from => Members.Select(to => new Link(from.Name, to.Name)))]);

    public override string ToString() =>
        $"seed {Seed}: {Nodes} node(s), members {string.Join(" ", Members.Select(m => $"{m.Name}@{m.Node}:{m.Tokens}"))}, " +
        $"snapshots {string.Join(" ", Snapshots.Select(s => $"{s.Step}@{s.Node}"))}, paying {PayingSteps} steps at {PaymentChance:0.##}, handling at {HandleChance:0.##}";
}

/// <summary>A member of a <see cref="StampedScenario"/>.</summary>
public sealed record StampedMember(string Name, int Node, long Tokens);

/// <summary>A snapshot of a <see cref="StampedScenario"/>: the step it starts at, on the coordinator of <see cref="Node"/>.</summary>
public sealed record StampedStart(long Step, int Node);
