namespace Snapshot.Simulation;

/// <summary>
/// The seed's bank, as a built-in scenario: acct1 holds $1000 and acct2 $2000; they pay each other,
/// acct1 takes a snapshot while acct2's $50 is still on its way, and later acct2 takes one while acct1's
/// $30 is. The balances alone would show $2950 and $2970; the channels hold the missing money.
/// </summary>
public static class BankExample
{
    public const string Name = "built-in bank example";

    public static Topology Topology => TopologyFile.Parse(
        """
        # two accounts, a FIFO channel each way
        2
        acct1 1000
        acct2 2000
        acct1 acct2
        acct2 acct1
        """, $"{Name} (topology)");

    public static EventScript Events => EventScript.Parse(
        """
        send acct1 acct2 100
        send acct2 acct1 50
        snapshot acct1
        tick 10
        send acct1 acct2 30
        snapshot acct2
        """, $"{Name} (events)");

    /// <summary>
    /// Chosen so each snapshot finds money in flight. Snapshot 0: the $100 arrives at step 1, acct1's marker
    /// at step 2, the $50 only at step 4, after acct1 recorded and before acct2's marker is back at step 5.
    /// Snapshot 1: acct2's marker reaches acct1 at step 12, the $30 arrives at step 13, acct1's marker at 14.
    /// </summary>
    public static IDelaySource Delays => DelayList.Parse("1\n4\n2\n3\n3\n2\n2\n", $"{Name} (delays)");
}
