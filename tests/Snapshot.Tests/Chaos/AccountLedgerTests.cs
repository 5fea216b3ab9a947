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
    public void Only_an_answer_to_a_sync_sent_after_the_latest_drop_clears_a_suspected_loss()
    {
        var ledger = new AccountLedger(1000);
        var b = refs.On(Node, "b");
        ledger.Pay(b, 10);
        ledger.Pay(refs["a"], 10);

        ledger.SuspectLossTo(Node, DateTime.UtcNow);
        ledger.SuspectLossTo(Node, DateTime.UtcNow);
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

    [Fact]
    public void A_peer_first_paid_before_its_node_settles_is_suspected_and_one_paid_after_is_not()
    {
        var ledger = new AccountLedger(1000);
        ledger.SuspectLossTo(Node, DateTime.UtcNow);

        ledger.Pay(refs.On(Node, "c"), 10);
        var firstPaidWhileUnsettled = ledger.Capture().With("c").LossSuspected;
        ledger.Confirm("c", 1);
        ledger.Pay(refs.On(Node, "d"), 10);

        Assert.True(firstPaidWhileUnsettled);
        Assert.False(ledger.Capture().With("c").LossSuspected);
        Assert.False(ledger.Capture().With("d").LossSuspected);
    }

    [Fact]
    public void Suspected_peers_are_asked_to_confirm_for_a_while_only()
    {
        var ledger = new AccountLedger(1000);
        ledger.Pay(refs.On(Node, "b"), 10);
        var dropped = DateTime.UtcNow;

        ledger.SuspectLossTo(Node, dropped);

        Assert.Single(ledger.SyncsDue(dropped.AddSeconds(9)));
        Assert.Empty(ledger.SyncsDue(dropped.AddSeconds(11)));
        Assert.True(ledger.Capture().With("b").LossSuspected);
    }

    private static Address Node => new("akka.trttl.tcp", "snapshot", "127.0.0.1", 4053);
}
