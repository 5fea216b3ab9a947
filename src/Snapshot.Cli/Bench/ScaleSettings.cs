namespace Snapshot.Cli.Bench;

/// <summary>
/// How big and how long a <c>snapshot bench scale</c> run is: the rings and complete graphs of idle participants in
/// one ActorSystem and the snapshots timed on each, and the bank sizes on <see cref="Nodes"/> nodes with the time
/// each one warms up and then runs under back-to-back snapshots.
/// </summary>
public sealed record ScaleSettings(
    IReadOnlyList<int> Rings,
    IReadOnlyList<int> CompleteGraphs,
    IReadOnlyList<int> Accounts,
    int LocalSnapshots,
    TimeSpan WarmUp,
    TimeSpan Phase)
{
    public const int Nodes = 3;

    public const string RingOption = "--ring";
    public const string CompleteOption = "--complete";
    public const string AccountsOption = "--accounts";

    public const string DefaultRings = "100000";
    public const string DefaultCompleteGraphs = "2000";
    public const string DefaultAccounts = "30,100,300,1000";

    public static ScaleSettings Full(string rings, string completeGraphs, string accounts) =>
        Parse(rings, completeGraphs, accounts, 10, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10));

    public static ScaleSettings Quick(string rings, string completeGraphs, string accounts) =>
        Parse(rings, completeGraphs, accounts, 3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

    /// <summary>The local graphs: each ring, then each complete graph.</summary>
    public IEnumerable<Topology> Topologies => Rings.Select(Topology.Ring).Concat(CompleteGraphs.Select(Topology.Complete));

    /// <remarks>
    /// A complete group of 1,000,000 has 10¹² channels, none of them a marker with stamped mailboxes; fewer accounts than nodes would leave a node without any.
    /// </remarks>
    private static ScaleSettings Parse(string rings, string completeGraphs, string accounts, int localSnapshots, TimeSpan warmUp, TimeSpan phase) => new(
        SizeList.Parse(rings, RingOption, 1, 1_000_000),
        SizeList.Parse(completeGraphs, CompleteOption, 1, 1_000_000),
        SizeList.Parse(accounts, AccountsOption, Nodes, 100_000),
        localSnapshots, warmUp, phase);
}
