using Snapshot.Cli.Bank;
using Snapshot.Tests.Chaos;

namespace Snapshot.Tests.Analysis;

/// <summary>The bank of <c>demo</c> and <c>take</c>, checked through the invariant API on snapshots built by hand.</summary>
public sealed class BankLedgerTests(NamedRefs refs) : IClassFixture<NamedRefs>
{
    [Fact]
    public void Balances_stashed_transfers_and_transfers_in_flight_make_the_opening_total()
    {
        var ledger = BankLedger.Of(Bank(inFlight: 30));

        Assert.Equal((1970, 30, 2000, 2000), (ledger.InAccounts, ledger.InFlight, ledger.Total, ledger.Expected));
        Assert.True(ledger.IsConserved);
        Assert.Empty(ledger.Violations);
    }

    [Fact]
    public void Money_missing_is_a_violation_of_the_money_invariant_saying_where_the_money_is()
    {
        var ledger = BankLedger.Of(Bank(inFlight: 0));

        Assert.False(ledger.IsConserved);
        Assert.Equal(["money is conserved: expected 2000, the snapshot holds 1970 (states 1960 + stashed 10 + in flight 0), -30"],
            ledger.Violations.Select(v => v.ToString()));
    }

    private Runtime.GlobalSnapshot Bank(long inFlight) => new SnapshotBuilder(refs)
        .Process("account-0", new AccountState(950, 1000), new Transfer(10))
        .Process("account-1", new AccountState(1010, 1000))
        .Channel("account-0", "account-1", inFlight > 0 ? [new Transfer(inFlight), new Paid()] : [])
        .Build();
}
