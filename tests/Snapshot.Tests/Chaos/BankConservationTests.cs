using Akka.Actor;
using Snapshot.Cli.Bank;
using Snapshot.Cli.Chaos.Processes;
using Snapshot.Runtime;

namespace Snapshot.Tests.Chaos;

/// <summary>
/// The cut check of process chaos on snapshots built by hand: accounts a and b on one node, c on another, opened
/// with 1000 each; times are on the run's departure clock.
/// </summary>
public sealed class BankConservationTests(NamedRefs refs) : IClassFixture<NamedRefs>
{
    private static readonly Address Other = new("akka.tcp", "snapshot", "127.0.0.1", 4054);

    [Fact]
    public void The_first_snapshot_holds_what_its_accounts_opened_with()
    {
        var check = new BankConservation();

        AssertChecked(check.Check(Snapshot(("a", 950), ("b", 1050)), At(1), changedAt: null));
    }

    [Fact]
    public void Money_lost_while_nobody_departed_is_inconsistent()
    {
        var check = new BankConservation();
        check.Check(Snapshot(("a", 1000), ("b", 1000)), At(1), changedAt: null);

        var verdict = check.Check(Snapshot(("a", 990), ("b", 1000)), At(2), changedAt: null);

        Assert.Equal("the bank holds 1990 (balances and transfers in flight), but held 2000 at the previous snapshot and accounts opened since brought 0: 2000 expected", Assert.Single(verdict.Violations));
    }

    [Fact]
    public void Money_in_flight_counts_and_accounts_that_joined_bring_their_opening()
    {
        var check = new BankConservation();
        check.Check(Snapshot(("a", 1000), ("b", 1000)), At(1), changedAt: null);

        var verdict = check.Check(Snapshot([("a", 950), ("b", 1000)], ("c", 1030), inFlight: 20), At(2), changedAt: null);

        AssertChecked(verdict);
    }

    [Fact]
    public void After_a_departure_the_money_is_not_compared_until_a_snapshot_starts_a_second_after_it()
    {
        var check = new BankConservation();
        check.Check(Snapshot(("a", 1000), ("b", 1000)), At(1), changedAt: null);

        // c's node departed at 1.5s with money of a and b's in flight to it: their snapshot at 2s starts a new baseline.
        AssertRebased(check.Check(Snapshot(("a", 980), ("b", 990)), At(2), changedAt: At(1.5)));
        AssertRebased(check.Check(Snapshot(("a", 985), ("b", 990)), At(2.4), changedAt: At(1.5)));
        // Its baseline started 0.9s after the departure, less than the second that transfers from c may take to arrive.
        AssertRebased(check.Check(Snapshot(("a", 985), ("b", 990)), At(2.6), changedAt: At(1.5)));
        var verdict = check.Check(Snapshot(("a", 985), ("b", 980)), At(3), changedAt: At(1.5));
        Assert.False(verdict.Rebased);
        Assert.Contains("the bank holds 1965", Assert.Single(verdict.Violations));
    }

    [Fact]
    public void Accounts_missing_though_no_node_departed_are_a_partial_snapshot()
    {
        var check = new BankConservation();
        check.Check(Snapshot([("a", 1000), ("b", 1000)], ("c", 1000), inFlight: 0), At(1), changedAt: null);

        var verdict = check.Check(Snapshot(("a", 1500), ("b", 1500)), At(2), changedAt: null);

        Assert.Equal($"1 account of the previous snapshot missing though no node departed: {Other}/user/c", Assert.Single(verdict.Violations));
    }

    private static TimeSpan At(double seconds) => TimeSpan.FromSeconds(seconds);

    private static void AssertChecked(ProcessCutVerdict verdict)
    {
        Assert.Empty(verdict.Violations);
        Assert.False(verdict.Rebased);
    }

    private static void AssertRebased(ProcessCutVerdict verdict)
    {
        Assert.Empty(verdict.Violations);
        Assert.True(verdict.Rebased);
    }

    private GlobalSnapshot Snapshot(params (string Name, long Balance)[] local) => Snapshot(local, null, inFlight: 0);

    private GlobalSnapshot Snapshot((string Name, long Balance)[] local, (string Name, long Balance)? remote, long inFlight)
    {
        var processes = local.Select(a => new ProcessState(refs[a.Name], new AccountState(a.Balance, BankAccount.OpeningBalance), [])).ToList();
        var channels = new List<ChannelState>();
        if (remote is { } r)
        {
            var c = refs.On(Other, r.Name);
            processes.Add(new ProcessState(c, new AccountState(r.Balance, BankAccount.OpeningBalance), []));
            if (inFlight > 0)
                channels.Add(new ChannelState(refs[local[0].Name], c, [new Transfer(inFlight)]));
        }
        return new GlobalSnapshot(1, BankAccount.Group, null, processes, channels, processes.Count * processes.Count, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
    }
}
