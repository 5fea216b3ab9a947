using Akka.Actor;
using Snapshot.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests;

/// <summary>
/// Every way a snapshot can fail, each with its reason, and the system taking the next snapshot fine afterwards.
/// Expected failures are awaited with <c>WaitAsync(RemainingOrDefault)</c>: a snapshot wrongly left running fails
/// the test in seconds instead of after its 30 s timeout. With a marker per channel and with stamped mailboxes alike,
/// but for what a timeout reports the participants were waiting for: markers, or their node's flush.
/// </summary>
public abstract class FailureSpec(SnapshotProtocol protocol, ITestOutputHelper output) : SnapshotSpec(protocol, Config, output)
{
    private const string Config = """
        akka.snapshot {
          max-in-flight = 2
          max-recorded-per-channel = 3
          timeout-report-grace = 500ms
        }
        """;

    private const string Group = "failures";

    public sealed class WithMarkers(ITestOutputHelper output) : FailureSpec(SnapshotProtocol.Markers, output)
    {
        [Fact]
        public Task A_blocked_participant_times_the_snapshot_out_with_what_was_missing_and_the_abandon_releases_every_recording() =>
            BlockedParticipantTimesOutAsync((error, blocked, waiting) =>
            {
                // The waiting one was still recording when told to abandon: it said which marker it lacked.
                Assert.Equal([new MissingMarker(blocked, waiting)], error.MissingMarkers);
                Assert.Contains("blocked → waiting", error.Message);
                Assert.Empty(error.AwaitingFlush);
            });
    }

    public sealed class Stamped(ITestOutputHelper output) : FailureSpec(SnapshotProtocol.Stamped, output)
    {
        [Fact]
        public Task A_blocked_participant_times_the_snapshot_out_with_who_waited_for_the_flush_and_the_abandon_releases_every_recording() =>
            BlockedParticipantTimesOutAsync((error, blocked, waiting) =>
            {
                // No marker to lack: the waiting one had recorded and waited for its node's flush, which the blocked
                // one's recording holds back.
                Assert.Empty(error.MissingMarkers);
                Assert.DoesNotContain("→", error.Message);
                Assert.Equal([waiting], error.AwaitingFlush);
                Assert.Contains("recorded, waiting for their node's flush: waiting", error.Message);
            });
    }

    [Fact]
    public async Task A_participant_stopped_mid_snapshot_fails_it_with_ParticipantStopped_and_the_next_snapshot_goes_without_it()
    {
        using var gate = new Gate();
        var doomed = await NodeAsync(Group, "doomed");
        var survivor = await NodeAsync(Group, "survivor");
        Watch(doomed);
        // Not Sys.Stop: that goes through the guardian and could arrive after the gate opens.
        await BlockAsync(doomed, gate, stopAfterwards: true);

        var snapshot = Snapshots.TakeAsync(Group);
        // [Initiate, the survivor's marker] (stamped: [Initiate], no flush before it records): it will stop before handling them
        await AwaitMailboxAsync(doomed, ByProtocol(markers: 2, stamped: 1));
        gate.Open();

        var error = await Assert.ThrowsAsync<SnapshotFailedException>(() => snapshot.WaitAsync(RemainingOrDefault));
        Assert.Equal(SnapshotFailureReason.ParticipantStopped, error.Reason);
        Assert.Equal(Group, error.Group);
        Assert.NotNull(error.SnapshotId);
        Assert.Contains("doomed", error.Message);
        await ExpectTerminatedAsync(doomed);

        var next = await Snapshots.TakeAsync(Group);
        AssertCovers(next, survivor);
        Assert.Equal(100L, StateOf(next, survivor));
    }

    [Fact]
    public async Task A_blocked_initiator_times_the_snapshot_out_and_the_participants_it_never_reached_are_listed_as_never_recorded()
    {
        using var gate = new Gate();
        var blocked = await NodeAsync(Group, "blocked");
        var unreached = await NodeAsync(Group, "unreached");
        await BlockAsync(blocked, gate);

        var error = await Assert.ThrowsAsync<SnapshotTimeoutException>(() =>
            Snapshots.TakeAsync(Group, initiator: blocked, timeout: TimeSpan.FromMilliseconds(300)));
        Assert.Equal([blocked, unreached], error.MissingParticipants);
        Assert.Equal([blocked], error.Unresponsive);
        Assert.Equal([unreached], error.NeverRecorded);
        Assert.Empty(error.MissingMarkers);
        Assert.Empty(error.AwaitingFlush);

        gate.Open();
        Assert.False(await IsRecordingAsync(blocked));
        Assert.False(await IsRecordingAsync(unreached));
        AssertCovers(await Snapshots.TakeAsync(Group, initiator: blocked), blocked, unreached);
    }

    [Fact]
    public async Task Cancelling_a_snapshot_fails_it_and_releases_the_recordings()
    {
        using var gate = new Gate();
        using var cancel = new CancellationTokenSource();
        var blocked = await NodeAsync(Group, "blocked");
        var waiting = await NodeAsync(Group, "waiting");
        await BlockAsync(blocked, gate);

        var snapshot = Snapshots.TakeAsync(Group, cancellationToken: cancel.Token);
        await AwaitAssertAsync(async () => Assert.True(await IsRecordingAsync(waiting)));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => snapshot);
        await AwaitAssertAsync(async () => Assert.False(await IsRecordingAsync(waiting)));
        gate.Open();
        var next = await Snapshots.TakeAsync(Group);
        Assert.Equal(200, Money(next));
    }

    [Fact]
    public async Task A_snapshot_asked_for_with_a_token_already_cancelled_is_not_started()
    {
        using var gate = new Gate();
        var blocked = await NodeAsync(Group, "blocked");
        await NodeAsync(Group, "other");
        await BlockAsync(blocked, gate);

        // max-in-flight is 2: if the cancelled requests started snapshots anyway, they would hold both slots
        // until the gate opens, and the two requests after them would be refused.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Snapshots.TakeAsync(Group, cancellationToken: new CancellationToken(true)));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Snapshots.TakeAsync(Group, cancellationToken: new CancellationToken(true)));
        var first = Snapshots.TakeAsync(Group);
        var second = Snapshots.TakeAsync(Group);
        // Both started: their Initiates and (with markers) the other's markers wait behind the gate.
        await AwaitMailboxAsync(blocked, ByProtocol(markers: 4, stamped: 2));
        gate.Open();

        var done = await Task.WhenAll(first, second);
        Assert.Equal([1L, 2L], done.Select(s => s.Id).Order());
    }

    [Fact]
    public async Task With_max_in_flight_2_a_third_snapshot_is_refused_at_once_and_the_two_complete_afterwards()
    {
        using var gate = new Gate();
        var blocked = await NodeAsync(Group, "blocked");
        var other = await NodeAsync(Group, "other");
        await BlockAsync(blocked, gate);

        var first = Snapshots.TakeAsync(Group);
        var second = Snapshots.TakeAsync(Group);
        // Both started: their Initiates and (with markers) the other's markers wait behind the gate.
        await AwaitMailboxAsync(blocked, ByProtocol(markers: 4, stamped: 2));
        // At once: not after the others finish or time out (a plain TimeoutException fails the assertion).
        var error = await Assert.ThrowsAsync<SnapshotFailedException>(() => Snapshots.TakeAsync(Group).WaitAsync(RemainingOrDefault));
        Assert.Equal(SnapshotFailureReason.TooManyInFlight, error.Reason);
        Assert.Null(error.SnapshotId);
        Assert.Contains("akka.snapshot.max-in-flight", error.Message);
        Assert.False(first.IsCompleted);
        Assert.False(second.IsCompleted);

        gate.Open();
        var done = await Task.WhenAll(first, second);
        Assert.NotEqual(done[0].Id, done[1].Id);
        Assert.All(done, s => AssertCovers(s, blocked, other));
        Assert.All(done, s => Assert.Equal(200, Money(s)));
    }

    /// <summary>Stamped, the limit counts the messages a participant records from each sender, as it does per channel with markers.</summary>
    [Fact]
    public async Task A_channel_recording_more_than_max_recorded_per_channel_fails_with_RecordingLimitExceeded_and_exactly_the_limit_passes()
    {
        var payer = await NodeAsync(Group, "payer");
        var receiver = await NodeAsync(Group, "receiver");

        var atLimit = await SnapshotWithInFlightAsync(payer, receiver, 3);
        var snapshot = await atLimit;
        Assert.Equal(3, snapshot.MessagesOn(payer, receiver).Count);
        Assert.Equal(200, Money(snapshot));

        var overLimit = await SnapshotWithInFlightAsync(payer, receiver, 4);
        var error = await Assert.ThrowsAsync<SnapshotFailedException>(() => overLimit.WaitAsync(RemainingOrDefault));
        Assert.Equal(SnapshotFailureReason.RecordingLimitExceeded, error.Reason);
        Assert.Contains("akka.snapshot.max-recorded-per-channel", error.Message);
        Assert.Contains("payer → receiver", error.Message);

        var next = await Snapshots.TakeAsync(Group);
        AssertCovers(next, payer, receiver);
        AssertInFlight(next);
        Assert.Equal(200, Money(next));
    }

    [Fact]
    public async Task A_group_with_no_participants_is_refused_with_NoParticipants()
    {
        await NodeAsync(Group, "member");

        var error = await Assert.ThrowsAsync<SnapshotFailedException>(() => Snapshots.TakeAsync("nobody"));
        Assert.Equal(SnapshotFailureReason.NoParticipants, error.Reason);
        Assert.Equal("nobody", error.Group);
        Assert.Null(error.SnapshotId);
    }

    [Fact]
    public async Task An_initiator_that_is_not_a_participant_of_the_group_is_refused_with_InitiatorNotParticipant()
    {
        await NodeAsync(Group, "member");
        var elsewhere = await NodeAsync("elsewhere", "elsewhere");

        var outsider = await Assert.ThrowsAsync<SnapshotFailedException>(() => Snapshots.TakeAsync(Group, initiator: TestActor));
        Assert.Equal(SnapshotFailureReason.InitiatorNotParticipant, outsider.Reason);
        var otherGroup = await Assert.ThrowsAsync<SnapshotFailedException>(() => Snapshots.TakeAsync(Group, initiator: elsewhere));
        Assert.Equal(SnapshotFailureReason.InitiatorNotParticipant, otherGroup.Reason);
        Assert.Contains("elsewhere", otherGroup.Message);
    }

    [Fact]
    public async Task A_participant_restarted_by_its_supervisor_mid_snapshot_fails_it_with_ParticipantRestarted()
    {
        using var gate = new Gate();
        var crashing = await NodeAsync(Group, "crashing");
        var blocked = await NodeAsync(Group, "blocked");
        await BlockAsync(blocked, gate);

        var snapshot = Snapshots.TakeAsync(Group);
        // [Initiate, the crashing one's marker]: it has recorded, and the blocked one keeps the snapshot from completing.
        // Stamped, no marker says so: [Initiate], and the crashing one is asked.
        await AwaitMailboxAsync(blocked, ByProtocol(markers: 2, stamped: 1));
        await AwaitAssertAsync(async () => Assert.True(await IsRecordingAsync(crashing)));
        crashing.Tell(new Crash());

        var error = await Assert.ThrowsAsync<SnapshotFailedException>(() => snapshot.WaitAsync(RemainingOrDefault));
        Assert.Equal(SnapshotFailureReason.ParticipantRestarted, error.Reason);
        Assert.Contains("crashing", error.Message);

        gate.Open();
        var next = await Snapshots.TakeAsync(Group);
        AssertCovers(next, crashing, blocked);
        Assert.Equal(200, Money(next));
    }

    /// <summary>
    /// A snapshot of a blocked participant and a waiting one times out: the report names both as missing, the blocked one
    /// as unresponsive, neither as never recorded, and what the waiting one waited for (<paramref name="assertWaitedFor"/>,
    /// given the error, the blocked one and the waiting one); the abandon released every recording, and the next snapshot
    /// completes.
    /// </summary>
    private async Task BlockedParticipantTimesOutAsync(Action<SnapshotTimeoutException, IActorRef, IActorRef> assertWaitedFor)
    {
        using var gate = new Gate();
        var blocked = await NodeAsync(Group, "blocked");
        var waiting = await NodeAsync(Group, "waiting");
        await BlockAsync(blocked, gate);

        // Timing, not a gate, decides one thing here: the waiting participant must handle its Initiate (and, with
        // markers, its own marker) within the timeout, which an idle actor does in microseconds.
        var error = await Assert.ThrowsAsync<SnapshotTimeoutException>(() => Snapshots.TakeAsync(Group, timeout: TimeSpan.FromSeconds(1)));
        Assert.Equal(SnapshotFailureReason.Timeout, error.Reason);
        Assert.Equal(TimeSpan.FromSeconds(1), error.Timeout);
        Assert.Equal([blocked, waiting], error.MissingParticipants);
        Assert.Equal([blocked], error.Unresponsive);
        Assert.Empty(error.NeverRecorded); // the blocked one could not say, and the other had recorded
        assertWaitedFor(error, blocked, waiting);
        Assert.False(await IsRecordingAsync(waiting), "the abandon after the timeout should have released the recording");

        gate.Open();
        Assert.False(await IsRecordingAsync(blocked), "after the abandon the blocked participant must hold no recording either");
        var next = await Snapshots.TakeAsync(Group);
        AssertCovers(next, blocked, waiting);
        Assert.Equal(200, Money(next));
        Assert.False(await IsRecordingAsync(blocked));
        Assert.False(await IsRecordingAsync(waiting));
    }

    /// <summary>
    /// Starts a snapshot initiated by the (blocked) receiver, then has the payer send <paramref name="credits"/>
    /// credits that arrive after the receiver recorded and before the payer's marker: all of them are in flight.
    /// </summary>
    private async Task<Task<GlobalSnapshot>> SnapshotWithInFlightAsync(IActorRef payer, IActorRef receiver, int credits)
    {
        using var gate = new Gate();
        await BlockAsync(receiver, gate);
        var snapshot = Snapshots.TakeAsync(Group, initiator: receiver);
        await AwaitMailboxAsync(receiver, 1);
        for (var i = 0; i < credits; i++)
            payer.Tell(new PayTo(receiver, 1, $"credit {i}"));
        await AwaitMailboxAsync(receiver, 1 + credits);
        gate.Open();
        return snapshot;
    }
}
