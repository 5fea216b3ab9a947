using Snapshot.Algorithm;

namespace Snapshot.Tests.Algorithm;

/// <summary>
/// The coordinator's decisions, scripted: participants are named "name@node", the coordinator is on n1.
/// </summary>
public sealed class SnapshotCoordinationTests
{
    private static SnapshotCoordination<string, string, int, string> Coordination(int maxInFlight = 4) =>
        new("n1", participant => participant[(participant.IndexOf('@') + 1)..], maxInFlight);

    private static LocalSnapshot<string, string> Part(SnapshotId id, string process, params (string From, string Message)[] recorded) =>
        new(id, process, [.. recorded.Select(r => r.From).Distinct()], [.. recorded.Select(r => new RecordedMessage<string, string>(r.From, process, r.Message))]);

    /// <summary>Admits, starts and runs a snapshot over <paramref name="participants"/>, none confirming.</summary>
    private static SnapshotId Running(SnapshotCoordination<string, string, int, string> coordination, Guid request, params string[] participants)
    {
        Assert.Null(coordination.Admit(request));
        var started = coordination.Start(request, participants, initiator: null);
        Assert.False(started.Refused);
        Assert.True(coordination.Run(started.Id, request, new PeerIndex<string>(participants), confirming: []));
        return started.Id;
    }

    private static string Describe(SnapshotEnding<string> ending) => $"{ending.Id.Value}: {string.Join(",", ending.Unfinished)}";

    [Fact]
    public void Admits_requests_up_to_the_limit_in_flight_counting_those_gathering_and_those_running()
    {
        var coordination = Coordination(maxInFlight: 2);
        var (gathering, running, third) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        Running(coordination, running, "a@n1");
        Assert.Null(coordination.Admit(gathering));

        Assert.Equal(StartRefusal.TooManyInFlight, coordination.Admit(third));
        Assert.Equal(2, coordination.InFlight);

        coordination.Withdraw(gathering);
        Assert.Null(coordination.Admit(third));
        Assert.Equal(2, coordination.InFlight);
    }

    [Fact]
    public void Refuses_to_start_a_group_without_members_or_with_an_initiator_that_is_not_one_and_the_refused_request_is_no_longer_in_flight()
    {
        var coordination = Coordination(maxInFlight: 1);
        var (empty, stranger) = (Guid.NewGuid(), Guid.NewGuid());
        coordination.Admit(empty);

        Assert.Equal(StartRefusal.NoParticipants, coordination.Start(empty, [], initiator: null).Refusal);
        Assert.Equal(0, coordination.InFlight);
        coordination.Admit(stranger);
        Assert.Equal(StartRefusal.InitiatorNotParticipant, coordination.Start(stranger, ["a@n1", "b@n2"], initiator: "c@n3").Refusal);
        Assert.Equal(0, coordination.InFlight);
        Assert.Throws<InvalidOperationException>(() => coordination.Start(stranger, ["a@n1"], initiator: null));
    }

    [Fact]
    public void Gives_each_started_snapshot_the_next_id_and_keeps_it_in_flight_from_its_start_until_it_runs()
    {
        var coordination = Coordination(maxInFlight: 2);
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());

        var one = Running(coordination, first, "a@n1");
        coordination.Admit(second);
        var started = coordination.Start(second, ["a@n1"], initiator: "a@n1");

        Assert.Equal([1L, 2L], [one.Value, started.Id.Value]);
        Assert.Equal(StartRefusal.TooManyInFlight, coordination.Admit(Guid.NewGuid()));
        Assert.Throws<InvalidOperationException>(() => coordination.Run(started.Id, Guid.NewGuid(), new PeerIndex<string>(["a@n1"]), []));
    }

    [Fact]
    public void Initiates_only_once_the_last_node_asked_to_confirm_has_confirmed()
    {
        var coordination = Coordination();
        var request = Guid.NewGuid();
        coordination.Admit(request);
        var id = coordination.Start(request, ["a@n1", "b@n2", "c@n3"], initiator: null).Id;

        Assert.False(coordination.Run(id, request, new PeerIndex<string>(["a@n1", "b@n2", "c@n3"]), confirming: ["n2", "n3"]));
        Assert.False(coordination.Confirmed(id, "n3"));
        Assert.False(coordination.Confirmed(id, "n3"));
        Assert.True(coordination.Confirmed(id, "n2"));
        Assert.False(coordination.Confirmed(id, "n2"));
        Assert.False(coordination.Confirmed(new SnapshotId(99), "n2"));
    }

    [Fact]
    public void Completes_with_every_part_once_the_last_one_arrives_ignoring_duplicates_strangers_and_parts_after_it_ended()
    {
        var coordination = Coordination();
        var id = Running(coordination, Guid.NewGuid(), "a@n1", "b@n2");

        Assert.Equal(PartReceipt.Taken, coordination.Receive(id, 20, Part(id, "b@n2", ("a@n1", "m1")), out var cut));
        Assert.Null(cut);
        Assert.Equal(PartReceipt.Duplicate, coordination.Receive(id, 21, Part(id, "b@n2"), out _));
        Assert.Equal(PartReceipt.NotAMember, coordination.Receive(id, 30, Part(id, "c@n3"), out _));
        Assert.Equal(PartReceipt.Completed, coordination.Receive(id, 10, Part(id, "a@n1"), out cut));

        var global = cut!.Build();
        Assert.Equal([("a@n1", 10), ("b@n2", 20)], global.Processes.Select(p => (p.Process, p.State)));
        Assert.Equal(["a@n1→b@n2: m1"], global.Channels.Select(c => $"{c.From}→{c.To}: {string.Join(",", c.Messages)}"));
        Assert.Equal(0, coordination.InFlight);
        Assert.Empty(coordination.Running);
        Assert.Equal(PartReceipt.UnknownSnapshot, coordination.Receive(id, 10, Part(id, "a@n1"), out _));
        Assert.Null(coordination.Abort(id));
    }

    [Fact]
    public void A_participant_reporting_a_failure_ends_its_snapshot_once_naming_the_unfinished_and_a_stranger_cannot()
    {
        var coordination = Coordination();
        var id = Running(coordination, Guid.NewGuid(), "a@n1", "b@n2", "c@n3");
        coordination.Receive(id, 1, Part(id, "b@n2"), out _);

        Assert.Equal(PartReceipt.NotAMember, coordination.ReportFailure(id, "d@n3", out var ending));
        Assert.Null(ending);
        Assert.Equal(PartReceipt.Taken, coordination.ReportFailure(id, "c@n3", out ending));

        Assert.Equal("1: a@n1,c@n3", Describe(ending!));
        Assert.Equal(PartReceipt.UnknownSnapshot, coordination.ReportFailure(id, "a@n1", out ending));
        Assert.Null(ending);
        Assert.Equal(0, coordination.InFlight);
    }

    [Fact]
    public void A_lost_participant_fails_only_the_snapshots_still_waiting_for_its_part()
    {
        var coordination = Coordination();
        var reported = Running(coordination, Guid.NewGuid(), "a@n1", "b@n2");
        var waiting = Running(coordination, Guid.NewGuid(), "a@n1", "b@n2");
        var without = Running(coordination, Guid.NewGuid(), "a@n1");
        coordination.Receive(reported, 0, Part(reported, "b@n2"), out _);

        var endings = coordination.ParticipantLost("b@n2");

        Assert.Equal(["2: a@n1,b@n2"], endings.Select(Describe));
        Assert.Equal([reported, without], coordination.Running.OrderBy(id => id.Value));
        Assert.Empty(coordination.ParticipantLost("b@n2"));
    }

    [Fact]
    public void A_lost_node_fails_the_snapshots_waiting_for_a_part_from_it_and_not_those_whose_parts_from_it_all_came()
    {
        var coordination = Coordination();
        var waiting = Running(coordination, Guid.NewGuid(), "a@n1", "b@n2", "c@n2");
        var done = Running(coordination, Guid.NewGuid(), "a@n1", "b@n2");
        var elsewhere = Running(coordination, Guid.NewGuid(), "a@n1", "d@n3");
        coordination.Receive(waiting, 0, Part(waiting, "b@n2"), out _);
        coordination.Receive(done, 0, Part(done, "b@n2"), out _);

        var endings = coordination.NodeLost("n2");

        Assert.Equal(["1: a@n1,c@n2"], endings.Select(Describe));
        Assert.Equal([done, elsewhere], coordination.Running.OrderBy(id => id.Value));
    }

    [Fact]
    public void A_lost_association_fails_every_snapshot_spanning_both_its_nodes_the_coordinators_node_included_even_when_no_part_is_missing_there()
    {
        var coordination = Coordination();
        var both = Running(coordination, Guid.NewGuid(), "a@n1", "b@n2", "c@n3");
        var second = Running(coordination, Guid.NewGuid(), "b@n2");
        var third = Running(coordination, Guid.NewGuid(), "c@n3");
        coordination.Receive(both, 0, Part(both, "b@n2"), out _);
        coordination.Receive(both, 0, Part(both, "c@n3"), out _);

        Assert.Equal(["1: a@n1"], coordination.AssociationLost("n2", "n3").Select(Describe));
        Assert.Equal(["2: b@n2"], coordination.AssociationLost("n1", "n2").Select(Describe));
        Assert.True(coordination.Spans(third, "n1"));
        Assert.False(coordination.Spans(third, "n2"));
        Assert.Empty(coordination.AssociationLost("n2", "n3"));
        Assert.Equal([third], coordination.Running);
    }

    [Fact]
    public void Cancelling_withdraws_a_request_still_gathering_and_ends_a_running_snapshot_once()
    {
        var coordination = Coordination(maxInFlight: 2);
        var (gathering, running) = (Guid.NewGuid(), Guid.NewGuid());
        coordination.Admit(gathering);
        Running(coordination, running, "a@n1", "b@n2");

        Assert.Null(coordination.Cancel(gathering));
        Assert.Equal(1, coordination.InFlight);
        Assert.Equal("1: a@n1,b@n2", Describe(coordination.Cancel(running)!));
        Assert.Null(coordination.Cancel(running));
        Assert.Equal(0, coordination.InFlight);
    }

    [Fact]
    public void A_snapshot_that_times_out_before_every_node_confirmed_ends_at_once_naming_the_silent_nodes()
    {
        var coordination = Coordination();
        var request = Guid.NewGuid();
        coordination.Admit(request);
        var id = coordination.Start(request, ["a@n1", "b@n2", "c@n3"], initiator: null).Id;
        coordination.Run(id, request, new PeerIndex<string>(["a@n1", "b@n2", "c@n3"]), confirming: ["n2", "n3"]);
        coordination.Confirmed(id, "n2");

        var decision = coordination.TimedOut(id)!;

        Assert.True(decision.NeverStarted);
        Assert.Equal(["n3"], decision.Silent);
        Assert.Empty(decision.Ask);
        Assert.Empty(coordination.Running);
        Assert.Null(coordination.TimedOut(id));
        Assert.Null(coordination.ReportTimeout(id));
    }

    [Fact]
    public void A_started_snapshot_that_times_out_asks_the_unfinished_ignores_late_parts_and_reports_once_all_answered()
    {
        var coordination = Coordination();
        var id = Running(coordination, Guid.NewGuid(), "a@n1", "b@n2", "c@n3");
        coordination.Receive(id, 0, Part(id, "a@n1"), out _);

        var decision = coordination.TimedOut(id)!;

        Assert.False(decision.NeverStarted);
        Assert.Equal(["b@n2", "c@n3"], decision.Ask);
        Assert.Null(coordination.TimedOut(id));
        Assert.Equal(PartReceipt.UnknownSnapshot, coordination.Receive(id, 0, Part(id, "b@n2"), out _));
        Assert.Equal(1, coordination.InFlight);
        Assert.False(coordination.Answered(id, "c@n3"));
        Assert.True(coordination.Answered(id, "b@n2"));
        Assert.Equal("1: b@n2,c@n3", Describe(coordination.ReportTimeout(id)!));
        Assert.Null(coordination.ReportTimeout(id));
        Assert.False(coordination.Answered(id, "b@n2"));
        Assert.Equal(0, coordination.InFlight);
    }

    [Fact]
    public void A_timed_out_snapshot_whose_grace_period_ends_before_every_answer_reports_and_a_lost_node_meanwhile_ends_it_once()
    {
        var coordination = Coordination();
        var graceOver = Running(coordination, Guid.NewGuid(), "a@n1", "b@n2");
        var nodeLost = Running(coordination, Guid.NewGuid(), "a@n1", "b@n2");
        coordination.TimedOut(graceOver);
        coordination.TimedOut(nodeLost);
        coordination.Answered(graceOver, "a@n1");

        Assert.Equal("1: a@n1,b@n2", Describe(coordination.ReportTimeout(graceOver)!));
        Assert.Equal(["2: a@n1,b@n2"], coordination.NodeLost("n2").Select(Describe));
        Assert.Null(coordination.ReportTimeout(nodeLost));
        Assert.Equal(0, coordination.InFlight);
    }
}
