using Akka.Actor;
using Snapshot.Algorithm;
using Snapshot.Runtime.Internal;
using Snapshot.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests;

/// <summary>
/// Stray, late, duplicated and forged protocol messages are dropped and counted by reason; none of them crashes
/// a participant or the coordinator, and the next snapshot is exact.
/// </summary>
public sealed class HostileInputSpec(ITestOutputHelper output) : SnapshotSpec("", output)
{
    private const string Group = "hostile";
    private static readonly DateTime Later = DateTime.UtcNow.AddHours(1);

    [Fact]
    public async Task Forged_and_stray_markers_are_dropped_and_counted_and_the_next_snapshot_is_exact()
    {
        var a = await NodeAsync(Group, "a");
        var b = await NodeAsync(Group, "b");

        a.Tell(new Marker(Plan(1, Later, b)), b);
        await AwaitIgnoredAsync(IgnoredMessageReason.NotAMember, 1);
        a.Tell(new Marker(Plan(2, Later, a, b)), TestActor);
        await AwaitIgnoredAsync(IgnoredMessageReason.NotAMember, 2);
        a.Tell(new Marker(Plan(3, DateTime.UtcNow.AddSeconds(-1), a, b)), b);
        await AwaitIgnoredAsync(IgnoredMessageReason.PastDeadline, 1);
        a.Tell(new CancelTake(Guid.NewGuid()), b);
        await AwaitIgnoredAsync(IgnoredMessageReason.Unexpected, 1);

        // A snapshot run by a forged coordinator (this test): both parts come here; replaying a marker afterwards is a duplicate.
        var forged = Plan(4, Later, a, b);
        a.Tell(new Initiate(forged), TestActor);
        var parts = new[] { await ExpectMsgAsync<LocalPart>(), await ExpectMsgAsync<LocalPart>() };
        Assert.Equal(["a", "b"], parts.Select(p => p.Participant.Path.Name).Order());
        a.Tell(new Marker(forged), b);
        await AwaitIgnoredAsync(IgnoredMessageReason.Duplicate, 1);

        Snapshots.Coordinator.Tell(new LocalPart(new SnapshotId(4242), a, 100L, [], []), a);
        await AwaitIgnoredAsync(IgnoredMessageReason.UnknownSnapshot, 1);

        var next = await Snapshots.TakeAsync(Group);
        AssertCovers(next, a, b);
        AssertInFlight(next);
        Assert.Equal(200L, Money(next));
        Assert.Equal(6, Snapshots.Ignored.Total);
    }

    [Fact]
    public async Task A_late_marker_for_a_snapshot_its_coordinator_has_answered_starts_nothing()
    {
        var a = await NodeAsync(Group, "a");
        var b = await NodeAsync(Group, "b");

        // This test's forged coordinator runs snapshot 10, saying every id below it is over.
        a.Tell(new Initiate(Plan(10, Later, a, b)), TestActor);
        await ExpectMsgAsync<LocalPart>();
        await ExpectMsgAsync<LocalPart>();

        // Snapshot 6 never reached a or b; its late marker must not start a recording nobody will collect.
        a.Tell(new Marker(Plan(6, Later, a, b)), b);
        await AwaitIgnoredAsync(IgnoredMessageReason.UnknownSnapshot, 1);
        b.Tell(new Initiate(Plan(11, Later, a, b)), TestActor);
        Assert.Equal(new SnapshotId(11), (await ExpectMsgAsync<LocalPart>()).Id);
        Assert.Equal(new SnapshotId(11), (await ExpectMsgAsync<LocalPart>()).Id);
        Assert.Equal(1, Snapshots.Ignored.Total);
    }

    [Fact]
    public async Task A_recording_whose_coordinator_never_collects_it_stops_at_the_plans_deadline()
    {
        using var gate = new Gate();
        var a = await NodeAsync(Group, "a");
        var b = await NodeAsync(Group, "b");
        await BlockAsync(b, gate);

        // a records for this test's forged snapshot and then waits for b's marker, which b, held, cannot send.
        a.Tell(new Initiate(Plan(20, DateTime.UtcNow.AddMilliseconds(300), a, b)), TestActor);
        Assert.True((await a.Ask<Recording>(new GetRecording(), RemainingOrDefault)).IsRecording);

        // Each ask is a message a handles: past the deadline, the first one ends the recording before it is answered.
        await AwaitAssertAsync(async () => Assert.False((await a.Ask<Recording>(new GetRecording(), RemainingOrDefault)).IsRecording),
            TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(50));
        // Released, b finds a's marker past the deadline too, and starts nothing.
        gate.Open();
        await AwaitIgnoredAsync(IgnoredMessageReason.PastDeadline, 1);
        Assert.False((await b.Ask<Recording>(new GetRecording(), RemainingOrDefault)).IsRecording);
    }

    [Fact]
    public async Task A_marker_naming_a_layout_its_node_does_not_hold_is_reported_to_its_coordinator_once_and_records_nothing()
    {
        var a = await NodeAsync(Group, "a");
        var b = await NodeAsync(Group, "b");
        var unknown = new SnapshotPlan(new SnapshotId(30), Group, TestActor, ChannelLayout.Unknown(Guid.NewGuid()), 100, Later, new SnapshotId(30));

        a.Tell(new Marker(unknown), b);
        var failed = await ExpectMsgAsync<PartFailed>();
        a.Tell(new Marker(unknown), b);
        await AwaitIgnoredAsync(IgnoredMessageReason.Duplicate, 1);

        Assert.Equal((new SnapshotId(30), a, SnapshotFailureReason.LayoutUnknown), (failed.Id, failed.Participant, failed.Reason));
        Assert.Equal(1, Snapshots.Ignored[IgnoredMessageReason.UnknownLayout]);
        Assert.False((await a.Ask<Recording>(new GetRecording(), RemainingOrDefault)).IsRecording);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        Assert.Equal(200L, Money(await Snapshots.TakeAsync(Group)));
    }

    [Fact]
    public async Task Record_notices_naming_members_of_this_node_or_no_member_are_dropped_and_counted_and_the_next_snapshot_is_exact()
    {
        var a = await NodeAsync(Group, "a");
        var b = await NodeAsync(Group, "b");
        // The node's own fan-out is not found by address on a system without remoting; one over the same ledger stands in.
        var fanOut = new MarkerFanOut(((ExtendedActorSystem)Sys).Provider, Snapshots.Ignored, NodeStamps.Get(Sys));
        var plan = new SnapshotPlan(new SnapshotId(40), Group, TestActor,
            new ChannelLayout(Guid.NewGuid(), [a, b], new Dictionary<IActorRef, IReadOnlyCollection<IActorRef>>(), stamped: true), 100, Later, new SnapshotId(40));

        // Notices come only from other nodes, for their own members: these would tick this node's clock for a and b.
        fanOut.Tell(new RecordNotices(plan, [0, 1]), a);
        await AwaitIgnoredAsync(IgnoredMessageReason.NotAMember, 1);
        fanOut.Tell(new RecordNotices(plan, [2]), a);
        await AwaitIgnoredAsync(IgnoredMessageReason.NotAMember, 2);

        Assert.Null(NodeStamps.Get(Sys).Ledger.Find(plan.Key));
        Assert.Equal(200L, Money(await Snapshots.TakeAsync(Group)));
        Assert.Equal(2, Snapshots.Ignored.Total);
    }

    /// <summary>A plan of this test's forged coordinator, which says every snapshot below <paramref name="id"/> is over.</summary>
    private SnapshotPlan Plan(long id, DateTime deadlineUtc, params IActorRef[] members) =>
        new(new SnapshotId(id), Group, TestActor, new ChannelLayout(Guid.NewGuid(), members, new Dictionary<IActorRef, IReadOnlyCollection<IActorRef>>()), 100,
            deadlineUtc, new SnapshotId(id));

    private Task AwaitIgnoredAsync(IgnoredMessageReason reason, long count) =>
        AwaitAssertAsync(() => Assert.Equal(count, Snapshots.Ignored[reason]));
}
