using Snapshot.Simulation;

namespace Snapshot.Tests.Simulation;

/// <summary>
/// A random <see cref="StampedScenario"/>: 1 to 4 nodes, 1 to 12 members dealt to them at random, 0 to 100 tokens each,
/// 1 to 4 snapshots started at random steps from random nodes (often while another still runs), payments and
/// mailbox handling at random rates.
/// </summary>
public static class RandomStampedScenario
{
    public static StampedScenario Generate(int seed)
    {
        var random = new Random(seed);
        var nodes = random.Next(1, 5);
        var members = Enumerable.Range(1, random.Next(1, 13))
            .Select(i => new StampedMember($"M{i}", random.Next(nodes), random.Next(0, 101)))
            .ToArray();
        var paying = random.Next(5, 60);
        var snapshots = Enumerable.Range(0, random.Next(1, 5))
            .Select(_ => new StampedStart(random.Next(1, paying + 10), random.Next(nodes)))
            .OrderBy(s => s.Step)
            .ToArray();
        return new StampedScenario(seed, nodes, members, snapshots, paying, 0.1 + random.NextDouble() * 0.8, 0.2 + random.NextDouble() * 0.8);
    }
}
