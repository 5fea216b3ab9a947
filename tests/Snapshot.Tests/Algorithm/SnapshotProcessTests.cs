using Snapshot.Algorithm;

namespace Snapshot.Tests.Algorithm;

public sealed class SnapshotProcessTests
{
    private static readonly SnapshotId S0 = new(0);
    private static readonly SnapshotId S1 = new(1);

    /// <summary>Process q with incoming channels from p and r, and outgoing channels to r and p (in that order).</summary>
    private static SnapshotProcess<string, string> Q() => new("q", ["p", "r"], ["r", "p"]);

    [Fact]
    public void Initiating_records_the_state_and_sends_markers_on_every_outgoing_channel_in_the_given_order()
    {
        var step = Q().Initiate(S0);

        Assert.Equal(S0, step.Snapshot);
        Assert.True(step.RecordState);
        Assert.Equal(["r", "p"], step.SendMarkersTo);
        Assert.Null(step.Completed);
    }

    [Fact]
    public void The_initiator_records_every_incoming_channel_until_its_marker_arrives()
    {
        var q = Q();
        q.Initiate(S0);

        Assert.Equal(1, q.OnMessage("p", "p1"));
        Assert.Equal(1, q.OnMessage("r", "r1"));
        Assert.Null(q.OnMarker("p", S0).Completed);
        Assert.Equal(0, q.OnMessage("p", "p2"));
        Assert.Equal(1, q.OnMessage("r", "r2"));
        var part = q.OnMarker("r", S0).Completed;

        Assert.NotNull(part);
        Assert.Equal(S0, part.Id);
        Assert.Equal("q", part.Process);
        Assert.Equal(["p", "r"], part.IncomingChannels);
        Assert.Equal([Recorded("p", "p1"), Recorded("r", "r1"), Recorded("r", "r2")], part.Recorded);
        Assert.False(q.IsRecording);
    }

    [Fact]
    public void A_driver_that_knows_the_channel_position_records_the_same_as_one_that_names_the_sender()
    {
        var q = Q();
        q.Initiate(S0);
        q.OnMarker("p", S0);

        Assert.False(q.IsAwaitingAt(S0, 0));
        Assert.True(q.IsAwaitingAt(S0, 1));
        Assert.False(q.IsAwaitingAt(S1, 1));
        Assert.Equal(0, q.OnMessageAt(0, "p1"));
        Assert.Equal(1, q.OnMessageAt(1, "r1"));
        Assert.Throws<ArgumentOutOfRangeException>(() => q.OnMessageAt(2, "x1"));
        var part = q.OnMarker("r", S0).Completed;

        Assert.NotNull(part);
        Assert.Equal([new RecordedMessage<string, string>("r", "q", "r1")], part.Recorded);
    }

    [Fact]
    public void The_first_marker_records_the_state_sends_markers_and_leaves_its_own_channel_empty()
    {
        var q = Q();

        var step = q.OnMarker("p", S0);
        Assert.True(step.RecordState);
        Assert.Equal(["r", "p"], step.SendMarkersTo);
        Assert.Null(step.Completed);
        Assert.Equal(["r"], q.AwaitingMarkers(S0));

        Assert.Equal(0, q.OnMessage("p", "after the marker, so after the cut"));
        Assert.Equal(1, q.OnMessage("r", "in flight"));
        var last = q.OnMarker("r", S0);

        Assert.False(last.RecordState);
        Assert.Empty(last.SendMarkersTo);
        Assert.Equal([Recorded("r", "in flight")], last.Completed!.Recorded);
    }

    [Fact]
    public void A_process_whose_only_incoming_channel_brought_the_first_marker_completes_at_once()
    {
        var q = new SnapshotProcess<string, string>("q", ["p"], ["p"]);

        var step = q.OnMarker("p", S0);

        Assert.True(step.RecordState);
        Assert.Equal(["p"], step.SendMarkersTo);
        Assert.Empty(step.Completed!.Recorded);
        Assert.False(q.IsRecording);
    }

    [Fact]
    public void A_process_with_no_incoming_channels_completes_as_soon_as_it_records()
    {
        var source = new SnapshotProcess<string, string>("source", [], ["a", "b"]);

        var step = source.Initiate(S0);

        Assert.True(step.RecordState);
        Assert.Equal(["a", "b"], step.SendMarkersTo);
        Assert.Equal(S0, step.Completed!.Id);
        Assert.Equal("source", step.Completed.Process);
        Assert.Empty(step.Completed.IncomingChannels);
        Assert.Empty(step.Completed.Recorded);
    }

    [Fact]
    public void Concurrent_snapshots_record_independently()
    {
        var q = Q();
        q.Initiate(S0);
        q.OnMarker("r", S1);

        Assert.Equal(2, q.OnMessage("p", "both"));
        Assert.Equal(1, q.OnMessage("r", "only S0"));
        var first = q.OnMarker("p", S1).Completed;
        Assert.Equal(1, q.OnMessage("p", "only S0 again"));
        q.OnMarker("p", S0);
        var second = q.OnMarker("r", S0).Completed;

        Assert.Equal([Recorded("p", "both")], first!.Recorded);
        Assert.Equal(S1, first.Id);
        Assert.Equal([Recorded("p", "both"), Recorded("r", "only S0"), Recorded("p", "only S0 again")], second!.Recorded);
        Assert.Equal(S0, second.Id);
    }

    [Fact]
    public void A_self_channel_gets_its_own_marker_and_records_self_messages_in_flight()
    {
        var p = new SnapshotProcess<string, string>("p", ["p", "q"], ["p", "q"]);

        Assert.Equal(["p", "q"], p.Initiate(S0).SendMarkersTo);
        Assert.Equal(1, p.OnMessage("p", "told itself before recording"));
        p.OnMarker("q", S0);
        var part = p.OnMarker("p", S0).Completed;

        Assert.Equal([new RecordedMessage<string, string>("p", "p", "told itself before recording")], part!.Recorded);
    }

    [Fact]
    public void A_second_marker_on_the_first_marker_channel_is_refused()
    {
        var q = Q();
        q.OnMarker("p", S0);

        var error = Assert.Throws<SnapshotProtocolException>(() => q.OnMarker("p", S0));

        Assert.Equal(ProtocolViolation.DuplicateMarker, error.Violation);
        Assert.Equal(S0, error.Snapshot);
        Assert.Equal(["r"], q.AwaitingMarkers(S0));
    }

    [Fact]
    public void A_second_marker_on_a_channel_already_closed_is_refused()
    {
        var q = new SnapshotProcess<string, string>("q", ["p", "r", "s"], []);
        q.Initiate(S0);
        q.OnMarker("p", S0);

        var error = Assert.Throws<SnapshotProtocolException>(() => q.OnMarker("p", S0));

        Assert.Equal(ProtocolViolation.DuplicateMarker, error.Violation);
        Assert.Equal(["r", "s"], q.AwaitingMarkers(S0).Order());
    }

    [Fact]
    public void A_marker_or_message_on_a_channel_the_process_does_not_have_is_refused_without_effect()
    {
        var q = Q();
        q.Initiate(S0);

        var marker = Assert.Throws<SnapshotProtocolException>(() => q.OnMarker("stranger", S0));
        var message = Assert.Throws<SnapshotProtocolException>(() => q.OnMessage("stranger", "m"));

        Assert.Equal(ProtocolViolation.UnknownChannel, marker.Violation);
        Assert.Equal(ProtocolViolation.UnknownChannel, message.Violation);
        Assert.Null(message.Snapshot);
        Assert.Equal(["p", "r"], q.AwaitingMarkers(S0).Order());
    }

    [Fact]
    public void A_marker_for_a_snapshot_that_already_completed_is_refused()
    {
        var q = new SnapshotProcess<string, string>("q", ["p"], []);
        q.OnMarker("p", S0);

        var error = Assert.Throws<SnapshotProtocolException>(() => q.OnMarker("p", S0));

        Assert.Equal(ProtocolViolation.SnapshotAlreadyFinished, error.Violation);
        Assert.False(q.IsRecording);
    }

    [Fact]
    public void A_late_marker_for_a_snapshot_its_last_marker_completed_is_refused_and_its_id_cannot_be_initiated_again()
    {
        var q = Q();
        q.Initiate(S0);
        q.OnMarker("p", S0);
        Assert.NotNull(q.OnMarker("r", S0).Completed);

        var late = Assert.Throws<SnapshotProtocolException>(() => q.OnMarker("r", S0));

        Assert.Equal(ProtocolViolation.SnapshotAlreadyFinished, late.Violation);
        Assert.False(q.IsRecording);
        Assert.Equal(ProtocolViolation.DuplicateSnapshotId, Assert.Throws<SnapshotProtocolException>(() => q.Initiate(S0)).Violation);
    }

    [Fact]
    public void Each_refusal_names_the_input_the_channel_it_came_on_the_snapshot_and_the_process_that_refused_it()
    {
        var bank = new SnapshotProcess<string, string>("bank", ["alice", "bob"], ["alice", "bob"]);
        var id = new SnapshotId(42);
        bank.OnMarker("alice", id);

        AssertNames(Refusal(() => bank.OnMarker("mallory", id)), "marker", "mallory", "bank");
        AssertNames(Refusal(() => bank.OnMessage("mallory", "m")), "message", "mallory", "bank");
        AssertNames(Refusal(() => bank.OnMarker("alice", id)), "marker", "alice", "42", "bank");
        AssertNames(Refusal(() => bank.Initiate(id)), "42", "bank");
        bank.OnMarker("bob", id);
        AssertNames(Refusal(() => bank.OnMarker("bob", id)), "marker", "bob", "42", "bank");
    }

    [Fact]
    public void A_channel_position_out_of_range_is_refused_saying_how_many_incoming_channels_the_process_has()
    {
        var bank = new SnapshotProcess<string, string>("bank", ["alice", "bob"], []);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => bank.OnMessageAt(5, "m"));

        Assert.Equal("channel", error.ParamName);
        Assert.Equal(5, error.ActualValue);
        AssertNames(error.Message, "bank", "2 incoming channels");
    }

    [Fact]
    public void Initiating_an_id_already_seen_is_refused()
    {
        var q = Q();
        q.OnMarker("p", S0);

        Assert.Equal(ProtocolViolation.DuplicateSnapshotId, Assert.Throws<SnapshotProtocolException>(() => q.Initiate(S0)).Violation);
    }

    [Fact]
    public void Abandoning_drops_the_recordings_and_refuses_later_markers()
    {
        var q = Q();
        q.Initiate(S0);
        q.OnMessage("p", "m");

        Assert.True(q.Abandon(S0));
        Assert.False(q.IsRecording);
        Assert.Equal(0, q.OnMessage("p", "n"));
        Assert.Equal(ProtocolViolation.SnapshotAlreadyFinished, Assert.Throws<SnapshotProtocolException>(() => q.OnMarker("p", S0)).Violation);
        Assert.False(q.Abandon(S0));
    }

    [Fact]
    public void An_idle_process_records_nothing()
    {
        var q = Q();

        Assert.False(q.IsRecording);
        Assert.Equal(0, q.OnMessage("p", "m"));
        Assert.Empty(q.OpenSnapshots);
    }

    [Fact]
    public void A_channel_listed_twice_is_refused_at_construction()
    {
        Assert.Throws<ArgumentException>(() => new SnapshotProcess<string, string>("q", ["p", "p"], []));
        Assert.Throws<ArgumentException>(() => new SnapshotProcess<string, string>("q", [], ["r", "r"]));
    }

    [Fact]
    public void Says_which_channels_an_open_snapshot_still_records()
    {
        var q = Q();
        q.Initiate(S0);
        q.OnMarker("r", S0);

        Assert.True(q.IsAwaiting(S0, "p"));
        Assert.False(q.IsAwaiting(S0, "r"));
        Assert.False(q.IsAwaiting(S0, "stranger"));
        Assert.False(q.IsAwaiting(S1, "p"));
        q.OnMarker("p", S0);
        Assert.False(q.IsAwaiting(S0, "p"));
    }

    [Fact]
    public void A_forgotten_snapshot_id_no_longer_counts_as_finished()
    {
        var q = new SnapshotProcess<string, string>("q", ["p"], []);
        q.OnMarker("p", S0);

        q.Forget(S0);

        var again = q.OnMarker("p", S0);
        Assert.True(again.RecordState);
        Assert.NotNull(again.Completed);
    }

    [Fact]
    public void Processes_sharing_their_channels_record_independently()
    {
        var channels = new ProcessChannels<string>(["p", "r"], ["r", "p"]);
        var first = new SnapshotProcess<string, string>("q", channels);
        var second = new SnapshotProcess<string, string>("q", channels);

        first.Initiate(S0);
        first.OnMessage("p", "m");

        Assert.False(second.IsRecording);
        Assert.Equal(["r", "p"], second.Initiate(S0).SendMarkersTo);
        Assert.Equal(["p", "r"], second.AwaitingMarkers(S0));
        first.OnMarker("p", S0);
        Assert.Equal([Recorded("p", "m")], first.OnMarker("r", S0).Completed!.Recorded);
    }

    private static RecordedMessage<string, string> Recorded(string from, string message) => new(from, "q", message);

    private static string Refusal(Action input) => Assert.Throws<SnapshotProtocolException>(input).Message;

    private static void AssertNames(string error, params string[] names) => Assert.All(names, name => Assert.Contains(name, error));
}
