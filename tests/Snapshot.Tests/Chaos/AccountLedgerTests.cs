using Akka.Actor;
using Snapshot.Cli.Chaos;

namespace Snapshot.Tests.Chaos;

public sealed class AccountLedgerTests(NamedRefs refs) : IClassFixture<NamedRefs>
{
    [Fact]
    public void A_transfer_that_jumps_over_others_counts_them_lost()
    {
        var ledger = new AccountLedger(1000);

        ledger.Receive("a", new ChaosTransfer(10, 10));
        ledger.Receive("a", new ChaosTransfer(5, 30));

        Assert.Equal(new PeerCounters("a", 0, 15, 15, false, 0), ledger.Capture().With("a"));
        Assert.Equal(1015, ledger.Capture().Balance);
    }

    [Fact]
    public void A_sync_counts_lost_what_never_arrived_and_a_late_transfer_is_out_of_order()
    {
        var ledger = new AccountLedger(1000);

        ledger.Receive("a", new ChaosTransfer(10, 10));
        ledger.Sync("a", new ChannelSync(25, 1));
        ledger.Receive("a", new ChaosTransfer(15, 25));

        Assert.Equal(new PeerCounters("a", 0, 25, 0, false, 1), ledger.Capture().With("a"));
    }

    [Fact]
    public void A_payment_is_refused_beyond_the_balance_and_numbered_per_peer()
    {
        var ledger = new AccountLedger(100);

        Assert.Equal(new ChaosTransfer(60, 60), ledger.Pay(refs["b"], 60));
        Assert.Null(ledger.Pay(refs["b"], 60));
        Assert.Equal(new ChaosTransfer(40, 100), ledger.Pay(refs["b"], 40));
        Assert.Equal(0, ledger.Balance);
    }

    [Fact]
    public void Only_an_answer_to_the_latest_drop_clears_a_suspected_loss()
    {
        var ledger = new AccountLedger(1000);
        var node = new Address("akka.trttl.tcp", "snapshot", "127.0.0.1", 4053);
        var b = refs.On(node, "b");
        ledger.Pay(b, 10);
        ledger.Pay(refs["a"], 10);

        ledger.SuspectLossTo(node, DateTime.UtcNow);
        ledger.SuspectLossTo(node, DateTime.UtcNow);
        var (to, sync) = Assert.Single(ledger.SyncsDue(DateTime.UtcNow));
        ledger.Confirm("b", 1);
        var stillSuspected = ledger.Capture().With("b").LossSuspected;
        ledger.Confirm("b", sync.Epoch);

        Assert.Equal(b, to);
        Assert.Equal(new ChannelSync(10, 2), sync);
        Assert.True(stillSuspected);
        Assert.False(ledger.Capture().With("b").LossSuspected);
        Assert.Empty(ledger.SyncsDue(DateTime.UtcNow));
    }
}
