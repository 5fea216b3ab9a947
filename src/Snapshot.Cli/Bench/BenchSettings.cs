namespace Snapshot.Cli.Bench;

/// <summary>
/// How big and how long a <c>snapshot bench</c> run is: the ping-pong pairs and messages, the rounds, the latency
/// graphs, the bank's accounts and transfers per run, and the remote cluster's nodes, accounts and time per phase.
/// </summary>
public sealed record BenchSettings(
    int Pairs,
    long Messages,
    int Rounds,
    int LatencyRepetitions,
    IReadOnlyList<Topology> Topologies,
    int Accounts,
    long Transfers,
    int RemoteNodes,
    int RemoteAccountsPerNode,
    TimeSpan RemotePhase)
{
    public static BenchSettings Full(int pairs, long? messages) => new(pairs, messages ?? 10_000_000, 5, 10,
        [Topology.Complete(10), Topology.Complete(100), Topology.Complete(500), Topology.Ring(1_000), Topology.Ring(10_000)],
        32, 10_000_000, 3, 8, TimeSpan.FromSeconds(10));

    /// <summary>Under two minutes on two cores.</summary>
    public static BenchSettings Quick(int pairs, long? messages) => new(pairs, messages ?? 2_000_000, 3, 3,
        [Topology.Complete(10), Topology.Complete(100), Topology.Complete(500), Topology.Ring(1_000), Topology.Ring(10_000)],
        32, 2_000_000, 3, 8, TimeSpan.FromSeconds(2));

    public long MessagesPerPair => Math.Max(2, Messages / Pairs);

    public BenchSettings Validated()
    {
        if (Pairs is < 1 or > 10_000)
            throw new UsageException("--pairs", $"{Pairs} is not between 1 and 10000");
        if (Messages < 1_000)
            throw new UsageException("--messages", $"{Messages} is fewer than 1000 messages");
        if (Messages / Pairs < 2)
            throw new UsageException("--messages", $"{Messages} messages leave fewer than 2 to each of {Counted.Of(Pairs, "pair")}");
        return this;
    }
}
