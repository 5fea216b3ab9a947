using Snapshot.Algorithm.Sharded;

namespace Snapshot.Tests.Algorithm;

/// <summary>The sharded protocol's decisions, scripted: two nodes, entities paying through regions.</summary>
public sealed class ShardedLedgerTests
{
    private readonly ShardedLedger<int, string, long, string> _node0 = new(0);
    private readonly ShardedLedger<int, string, long, string> _node1 = new(1);

    [Fact]
    public void A_payment_sent_before_the_cut_and_handled_after_it_is_in_flight_and_the_snapshot_completes_only_once_it_is_handled()
    {
        _node0.Started("a");
        _node1.Started("b");
        var epoch = _node0.Send("a");
        var completion = new ShardedCompletion<int, string, long, string>(1, [0, 1]);

        _node0.Open(1);
        _node1.Open(1);
        Assert.Equal(["a"], _node0.TakeInitiations());
        Assert.Equal(["b"], _node1.TakeInitiations());
        Assert.True(_node0.Initiated("a"));
        _node0.Recorded("a", 90);
        Assert.True(_node1.Initiated("b"));
        _node1.Recorded("b", 100);
        Assert.False(Deliver(completion));
        Assert.Equal(1, completion.Unhandled[0]);

        Assert.Equal(ShardedDecision.Handle, _node1.OnMessage("b", 0, "a", epoch, "10 from a"));
        Assert.True(Deliver(completion));
        Assert.Equal(new Dictionary<string, long> { ["a"] = 90, ["b"] = 100 }, completion.States);
        Assert.Equal("10 from a", Assert.Single(completion.InFlight).Message);
    }

    [Fact]
    public void A_payment_sent_after_its_sender_recorded_opens_the_snapshot_on_a_node_that_has_not_and_makes_the_receiver_record_first()
    {
        _node0.Started("a");
        _node1.Started("b");
        _node1.Started("c");
        _node0.Open(1);
        _node0.Recorded("a", 90);
        var epoch = _node0.Send("a");

        Assert.Equal(ShardedDecision.RecordFirst, _node1.OnMessage("b", 0, "a", epoch, "10 from a"));
        Assert.Equal(["b", "c"], _node1.TakeInitiations().Order());
        _node1.Open(1);
        Assert.Empty(_node1.TakeInitiations());
    }

    [Fact]
    public void A_payment_of_a_snapshot_closed_before_it_arrives_opens_nothing()
    {
        _node0.Started("a");
        _node1.Started("b");
        _node0.Open(1);
        _node0.Recorded("a", 90);
        var epoch = _node0.Send("a");
        _node1.Close(1);

        Assert.Equal(ShardedDecision.Handle, _node1.OnMessage("b", 0, "a", epoch, "10 from a"));
        Assert.Empty(_node1.TakeInitiations());
        Assert.Empty(_node1.TakeReports());
    }

    [Fact]
    public void A_passivated_entity_records_what_it_handed_over_and_keeps_its_epoch_when_it_starts_again()
    {
        _node1.Started("b");
        _node1.Passivated("b", 100);
        var completion = new ShardedCompletion<int, string, long, string>(1, [1]);

        _node1.Open(1);
        Assert.Empty(_node1.TakeInitiations());
        Assert.True(Deliver(completion, _node1));
        Assert.Equal(100, completion.States["b"]);
        Assert.False(_node1.Started("b"));
        Assert.False(_node1.Initiated("b"));
    }

    [Fact]
    public void An_entity_starting_while_a_snapshot_is_open_with_nothing_handed_over_records_before_its_first_message()
    {
        _node1.Open(1);

        Assert.True(_node1.Started("new"));
        _node1.Recorded("new", 0);
        Assert.Contains(_node1.TakeReports(), r => r is ShardedReport<int, string, long, string>.Recorded { Entity: "new", State: 0 });
    }

    private bool Deliver(ShardedCompletion<int, string, long, string> completion) =>
        Deliver(completion, _node0) | Deliver(completion, _node1);

    private static bool Deliver(ShardedCompletion<int, string, long, string> completion, ShardedLedger<int, string, long, string> node)
    {
        var completed = false;
        foreach (var report in node.TakeReports())
            completed |= completion.Report(node.Self, report);
        return completed;
    }

    [Fact]
    public void An_entity_whose_shard_moved_while_the_snapshot_ran_keeps_the_record_it_made_first_over_the_one_it_started_with()
    {
        _node0.Started("a");
        _node0.Open(1);
        _node1.Open(1);
        _node0.Recorded("a", 90);
        _node0.Passivated("a", 80);
        var completion = new ShardedCompletion<int, string, long, string>(1, [0, 1]);

        // Its shard handed off: it starts on node 1, which has nothing of it, and records what it started with.
        Assert.True(_node1.Started("a"));
        _node1.Recorded("a", 80);
        var fresh = _node1.TakeReports();
        Assert.Contains(fresh, r => r is ShardedReport<int, string, long, string>.Recorded { Entity: "a", Fresh: true });
        foreach (var report in fresh)
            completion.Report(1, report);
        Assert.True(Deliver(completion, _node0));

        Assert.Equal(90, completion.States["a"]);
        Assert.Null(completion.Conflict);
    }

    [Fact]
    public void An_entity_that_records_its_cut_on_two_nodes_makes_the_snapshot_fail_naming_it()
    {
        _node0.Started("a");
        _node0.Open(1);
        _node0.Recorded("a", 90);
        _node0.Passivated("a", 80);
        // Started on node 1 before node 1 opened the snapshot: it records again when node 1 does.
        _node1.Started("a");
        _node1.Open(1);
        _node1.Recorded("a", 85);
        var completion = new ShardedCompletion<int, string, long, string>(1, [0, 1]);

        Assert.False(Deliver(completion));
        Assert.Contains("entity a recorded snapshot 1 on 0 and again on 1", completion.Conflict);
    }
}
