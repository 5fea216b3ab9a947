namespace Snapshot.Cli.Sharded;

/// <summary>What <c>snapshot demo --sharded</c> runs: a bank of <see cref="Entities"/> sharded accounts over <see cref="Nodes"/> nodes.</summary>
public sealed record ShardedDemoSettings(int Nodes, int Entities, TimeSpan Duration, TimeSpan Interval, int Seed)
{
    public const long OpeningBalance = 100;

    public const int DefaultEntities = 10_000;

    /// <summary>How long an account goes without a message before it passivates.</summary>
    public static readonly TimeSpan IdleAfter = TimeSpan.FromSeconds(1);

    /// <summary>Refuses values the demo cannot run with, naming the option.</summary>
    public ShardedDemoSettings Validated()
    {
        if (Nodes is < 1 or > 16)
            throw new UsageException("--nodes", $"must be from 1 to 16, found {Nodes}");
        if (Entities is < 2 or > 1_000_000)
            throw new UsageException("--entities", $"must be from 2 to 1000000, found {Entities}");
        if (Interval > Duration)
            throw new UsageException("--interval", $"{DurationText.Format(Interval)} is longer than --duration {DurationText.Format(Duration)}");
        return this;
    }

    public long ExpectedTotal => Entities * OpeningBalance;
}
