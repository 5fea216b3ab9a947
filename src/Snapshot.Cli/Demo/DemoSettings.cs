namespace Snapshot.Cli.Demo;

/// <summary>What <c>snapshot demo</c> runs: a bank of <see cref="Accounts"/> accounts over <see cref="Nodes"/> nodes.</summary>
public sealed record DemoSettings(int Nodes, int Accounts, TimeSpan Duration, TimeSpan Interval, int Seed)
{
    public static readonly DemoSettings Default = new(3, 30, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(500), 1);

    /// <summary>Refuses values the demo cannot run with, naming the option.</summary>
    public DemoSettings Validated()
    {
        if (Nodes is < 1 or > 16)
            throw new UsageException("--nodes", $"must be from 1 to 16, found {Nodes}");
        if (Accounts < Nodes || Accounts > 10_000)
            throw new UsageException("--accounts", $"must be from the number of nodes ({Nodes}) to 10000, found {Accounts}");
        if (Interval > Duration)
            throw new UsageException("--interval", $"{DurationText.Format(Interval)} is longer than --duration {DurationText.Format(Duration)}");
        return this;
    }

    public long ExpectedTotal => Accounts * Bank.BankAccount.OpeningBalance;
}
