using Snapshot.Algorithm;

namespace Snapshot.Tests.Algorithm;

/// <summary>
/// The stamped protocol's member and node machines, scripted: one node holding members p and q of a group whose third
/// member, r, is on another node. Stamps are read from the ledger where a mailbox would read them.
/// </summary>
public sealed class StampedProcessTests
{
    private static readonly SnapshotId S0 = new(0);
    private static readonly SnapshotId S1 = new(1);
    private static readonly PeerIndex<string> Group = new(["p", "q", "r"]);

    private readonly NodeLedger<string, SnapshotId> _node = new();
    private readonly StampedProcess<string, string, SnapshotId> _p;
    private readonly StampedProcess<string, string, SnapshotId> _q;

    public StampedProcessTests()
    {
        _p = new StampedProcess<string, string, SnapshotId>("p", _node);
        _q = new StampedProcess<string, string, SnapshotId>("q", _node);
    }

    [Fact]
    public void An_initiate_records_once_and_the_node_flushes_when_its_members_recorded_and_the_other_node_s_member_was_noticed()
    {
        _node.Open(S0, Group, localMembers: 2);

        var first = _p.Initiate(S0);
        Assert.Equal([S0], first.Record);
        Assert.Empty(first.Flush);
        Assert.Equal(StampedStep<SnapshotId>.Nothing, _p.Initiate(S0));
        Assert.False(_node.Noticed(S0, "r"));
        Assert.Equal([S0], _q.Initiate(S0).Flush);
        Assert.False(_node.Noticed(S0, "r"), "a second notice flushed again");
        Assert.False(_node.Open(S0, Group, localMembers: 2), "a flushed snapshot opened again");
    }

    [Fact]
    public void Recording_queues_the_notice_and_the_last_member_of_the_node_to_record_sends_them_in_one_batch_per_snapshot_in_recording_order()
    {
        _node.Open(S0, Group, localMembers: 2);
        _node.Open(S1, Group, localMembers: 2);

        var q0 = _q.Initiate(S0);
        var p1 = _p.Initiate(S1);
        Assert.False(q0.SendNotices);
        Assert.False(p1.SendNotices);
        Assert.True(_node.Notices.HasWaiting);
        Assert.True(_p.Initiate(S0).SendNotices, "p was the last of the node to record for S0");

        var sent = new List<(SnapshotId, IReadOnlyList<string>)>();
        _node.Notices.SendWaiting((id, members) => sent.Add((id, members)));
        Assert.Equal([(S0, ["q", "p"]), (S1, ["p"])], sent.Select(b => (b.Item1, (IReadOnlyList<string>)[.. b.Item2])).ToArray(), BatchComparer.Instance);
        Assert.False(_node.Notices.HasWaiting);
        _node.Notices.SendWaiting((id, members) => sent.Add((id, members)));
        Assert.Equal(2, sent.Count);
    }

    [Fact]
    public void A_snapshot_with_no_member_on_another_node_queues_no_notice()
    {
        _node.Open(S0, new PeerIndex<string>(["p", "q"]), localMembers: 2);

        _p.Initiate(S0);
        var last = _q.Initiate(S0);

        Assert.False(_node.Notices.HasWaiting);
        Assert.Equal([S0], last.Flush);
    }

    [Fact]
    public void After_recording_a_member_records_what_was_sent_before_its_sender_recorded_and_nothing_sent_after()
    {
        _node.Open(S0, Group, localMembers: 2);
        _q.Initiate(S0);
        var beforeP = _node.Stamp;
        _p.Initiate(S0);
        var afterP = _node.Stamp;

        _q.OnMessage("p", beforeP, "sent before p recorded");
        _q.OnMessage("p", afterP, "sent after p recorded");
        _q.OnMessage("r", afterP, "r has not recorded: sent before");
        _node.Noticed(S0, "r");
        _q.OnMessage("r", _node.Stamp, "sent after r's notice");
        _q.OnMessage("stranger", beforeP, "from no member");
        var recorded = _q.OnFlush(S0);

        Assert.Equal([Recorded("p", "sent before p recorded"), Recorded("r", "r has not recorded: sent before")], recorded);
        Assert.Null(_q.OnFlush(S0));
        Assert.False(_q.IsRecording);
    }

    [Fact]
    public void A_member_that_has_not_recorded_records_before_it_handles_a_message_sent_after_its_sender_recorded()
    {
        _node.Open(S0, Group, localMembers: 2);
        var beforeP = _node.Stamp;
        _p.Initiate(S0);

        Assert.Equal(StampedStep<SnapshotId>.Nothing, _q.OnMessage("p", beforeP, "sent before p recorded"));
        Assert.Equal([S0], _q.OnMessage("p", _node.Stamp, "sent after p recorded").Record);
        Assert.Equal(StampedStep<SnapshotId>.Nothing, _q.Initiate(S0));
        // The message that made it record was sent after p recorded: it is not in flight.
        _node.Noticed(S0, "r");
        Assert.Empty(_q.OnFlush(S0)!);
    }

    [Fact]
    public void Of_two_snapshots_at_once_a_message_can_make_a_member_record_for_one_and_be_recorded_in_flight_for_the_other()
    {
        _node.Open(S0, Group, localMembers: 2);
        _node.Open(S1, Group, localMembers: 2);
        _q.Initiate(S0);
        var beforeP = _node.Stamp;
        _p.Initiate(S1);

        Assert.Equal(StampedStep<SnapshotId>.Nothing, _q.OnMessage("p", beforeP, "sent before p recorded for S1"));
        var step = _q.OnMessage("p", _node.Stamp, "sent after p recorded for S1, before it recorded for S0");

        Assert.Equal([S1], step.Record);
        Assert.Equal([S0], _p.Initiate(S0).Record);
        _node.Noticed(S0, "r");
        _node.Noticed(S1, "r");
        Assert.Equal(["sent before p recorded for S1", "sent after p recorded for S1, before it recorded for S0"], _q.OnFlush(S0)!.Select(m => m.Message));
        Assert.Empty(_q.OnFlush(S1)!);
    }

    [Fact]
    public void A_node_that_never_heard_of_a_snapshot_makes_no_member_record_and_a_non_member_never_records()
    {
        var outsider = new StampedProcess<string, string, SnapshotId>("outsider", _node);

        Assert.Equal(StampedStep<SnapshotId>.Nothing, _q.Initiate(S0));
        _node.Open(S0, Group, localMembers: 2);
        _p.Initiate(S0);

        Assert.Equal(StampedStep<SnapshotId>.Nothing, outsider.Initiate(S0));
        Assert.Equal(StampedStep<SnapshotId>.Nothing, outsider.OnMessage("p", _node.Stamp, "sent after p recorded"));
        Assert.False(outsider.IsRecording);
    }

    [Fact]
    public void One_message_more_than_the_limit_from_one_sender_drops_the_recording_and_says_so_while_other_snapshots_go_on()
    {
        _node.Open(S0, Group, localMembers: 2, maxRecordedPerChannel: 2);
        _node.Open(S1, Group, localMembers: 2);
        var beforeP = _node.Stamp;
        _q.Initiate(S0);
        _q.Initiate(S1);

        Assert.Empty(_q.OnMessage("p", beforeP, "p1").Overflowed);
        Assert.Empty(_q.OnMessage("r", beforeP, "r1").Overflowed);
        Assert.Empty(_q.OnMessage("p", beforeP, "p2").Overflowed);
        var third = _q.OnMessage("p", beforeP, "p3");

        Assert.Equal([S0], third.Overflowed);
        Assert.Equal([S1], _q.RecordingFor);
        Assert.Equal(StampedStep<SnapshotId>.Nothing, _q.Initiate(S0));
        _p.Initiate(S1);
        _node.Noticed(S1, "r");
        Assert.Equal(["p1", "r1", "p2", "p3"], _q.OnFlush(S1)!.Select(m => m.Message));
    }

    [Fact]
    public void An_abandoned_snapshot_drops_its_recording_and_is_not_recorded_again()
    {
        _node.Open(S0, Group, localMembers: 2);
        _q.Initiate(S0);

        Assert.True(_q.Abandon(S0));
        Assert.Equal(StampedStep<SnapshotId>.Nothing, _q.Initiate(S0));
        Assert.Null(_q.OnFlush(S0));
    }

    private static RecordedMessage<string, string> Recorded(string from, string message) => new(from, "q", message);

    private sealed class BatchComparer : IEqualityComparer<(SnapshotId, IReadOnlyList<string>)>
    {
        public static readonly BatchComparer Instance = new();

        public bool Equals((SnapshotId, IReadOnlyList<string>) x, (SnapshotId, IReadOnlyList<string>) y) => x.Item1 == y.Item1 && x.Item2.SequenceEqual(y.Item2);

        public int GetHashCode((SnapshotId, IReadOnlyList<string>) batch) => batch.Item1.GetHashCode();
    }
}
