using Snapshot.Cli.Chaos;
using Snapshot.Runtime;

namespace Snapshot.Tests.Chaos;

/// <summary>
/// The cut check on snapshots built by hand: two accounts, a and b, opened with 1000 each, and b got a deposit of 10.
/// a sent b 20 then 10 (30 in all) and b sent a 5; at the cut b had received the 20, the 10 was in flight, and a had
/// received the 5.
/// </summary>
public sealed class CutCheckTests(NamedRefs refs) : IClassFixture<NamedRefs>
{
    private static readonly ChaosAccountState A = new(1000, 0, 975, [new PeerCounters("b", 30, 5, 0, false, 0)]);
    private static readonly ChaosAccountState B = new(1000, 10, 1025, [new PeerCounters("a", 5, 20, 0, false, 0)]);

    [Fact]
    public void A_cut_with_the_transfer_in_flight_recorded_is_consistent() =>
        Assert.Empty(CutCheck.Violations(Snapshot(A, B, aToB: [new ChaosTransfer(10, 30)])));

    [Fact]
    public void A_transfer_in_flight_that_was_not_recorded_is_money_missing_from_the_channel()
    {
        var violation = Assert.Single(CutCheck.Violations(Snapshot(A, B, aToB: [])));

        Assert.Contains("a → b: 10 that a sent before its cut is neither accounted by b nor recorded in flight", violation);
    }

    [Fact]
    public void Money_received_before_the_cut_that_was_sent_after_it_is_money_created()
    {
        var b = B with { Balance = 1055, Peers = [new PeerCounters("a", 5, 50, 0, false, 0)] };

        Assert.Contains(CutCheck.Violations(Snapshot(A, b, aToB: [])), v => v.Contains("b had accounted 50 from a, more than the 30 a had sent at its cut"));
    }

    [Fact]
    public void A_transfer_recorded_in_flight_that_was_already_received_is_counted_twice() =>
        Assert.Contains(CutCheck.Violations(Snapshot(A, B, aToB: [new ChaosTransfer(20, 20), new ChaosTransfer(10, 30)])), v => v.Contains("counted twice"));

    [Fact]
    public void A_transfer_recorded_in_flight_that_the_sender_made_after_its_cut_is_refused() =>
        Assert.Contains(CutCheck.Violations(Snapshot(A, B, aToB: [new ChaosTransfer(10, 30), new ChaosTransfer(5, 35)])), v => v.Contains("a had sent only 30 at its cut"));

    [Fact]
    public void A_balance_that_is_not_what_the_books_say_is_refused()
    {
        var violation = Assert.Single(CutCheck.Violations(Snapshot(A with { Balance = 1000 }, B, aToB: [new ChaosTransfer(10, 30)])));

        Assert.Equal("a: balance 1000, but opening 1000 + deposited 0 + received 5 − sent 30 = 975", violation);
    }

    [Fact]
    public void Money_known_lost_on_the_channel_is_accounted_by_the_receiver()
    {
        // The 10 was lost, and b knows it: a later sync told b that a had sent 30.
        var b = B with { Peers = [new PeerCounters("a", 5, 20, 10, false, 0)] };

        Assert.Empty(CutCheck.Violations(Snapshot(A, b, aToB: [])));
    }

    [Fact]
    public void Money_missing_while_the_sender_suspects_a_dropped_association_lost_it_is_no_violation()
    {
        var a = A with { Peers = [new PeerCounters("b", 30, 5, 0, true, 0)] };

        Assert.Empty(CutCheck.Violations(Snapshot(a, B, aToB: [])));
    }

    [Fact]
    public void Money_skipped_before_a_sync_recorded_in_flight_is_lost_only_while_the_sender_suspects_it()
    {
        var a = A with { Peers = [new PeerCounters("b", 30, 5, 0, true, 0)] };

        Assert.Empty(CutCheck.Violations(Snapshot(a, B, aToB: [new ChannelSync(30, 1)])));
        Assert.NotEmpty(CutCheck.Violations(Snapshot(A, B, aToB: [new ChannelSync(30, 1)])));
    }

    [Fact]
    public void A_channel_that_delivered_out_of_order_is_refused() =>
        Assert.Contains(CutCheck.Violations(Snapshot(A, B with { Peers = [new PeerCounters("a", 5, 20, 0, false, 1)] }, aToB: [new ChaosTransfer(10, 30)])),
            v => v.Contains("not FIFO"));

    [Fact]
    public void A_participant_without_books_is_refused() =>
        Assert.Contains(CutCheck.Violations(Snapshot(A, 1025L, aToB: [])), v => v.Contains("b recorded 1025, not an account's books"));

    private GlobalSnapshot Snapshot(object a, object b, IReadOnlyList<object> aToB)
    {
        var now = DateTimeOffset.UtcNow;
        return new GlobalSnapshot(1, ChaosAccount.Group, null,
            [new ProcessState(refs["a"], a, []), new ProcessState(refs["b"], b, [])],
            aToB.Count == 0 ? [] : [new ChannelState(refs["a"], refs["b"], aToB)],
            4,
            now, now);
    }
}
