using Akka.Actor;
using Snapshot.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests;

/// <summary>
/// Every way a snapshot can fail, each with its reason, and the system taking the next snapshot fine afterwards.
/// Expected failures are awaited with <c>WaitAsync(RemainingOrDefault)</c>: a snapshot wrongly left running fails
/// the test in seconds instead of after its 30 s timeout.
/// </summary>
public sealed class FailureSpec(ITestOutputHelper output) : SnapshotSpec(Config, output)
{
    private const string Config = """
        akka.snapshot {
          max-in-flight = 2
          max-recorded-per-channel = 3
          timeout-report-grace = 500ms
        }
        """;

    private const string Group = "failures";

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
        await AwaitMailboxAsync(doomed, 2); // [Initiate, the survivor's marker]: it will stop before handling them
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
    public async Task A_blocked_participant_times_the_snapshot_out_with_what_was_missing_and_the_abandon_releases_every_recording()
    {
        using var gate = new Gate();
        var blocked = await NodeAsync(Group, "blocked");
        var waiting = await NodeAsync(Group, "waiting");
        await BlockAsync(blocked, gate);

        // Timing, not a gate, decides one thing here: the waiting participant must handle its Initiate and its
        // own marker within the timeout, which an idle actor does in microseconds.
        var error = await Assert.ThrowsAsync<SnapshotTimeoutException>(() => Snapshots.TakeAsync(Group, timeout: TimeSpan.FromSeconds(1)));
        Assert.Equal(SnapshotFailureReason.Timeout, error.Reason);
        Assert.Equal(TimeSpan.FromSeconds(1), error.Timeout);
        Assert.Equal([blocked, waiting], error.MissingParticipants);
        Assert.Equal([blocked], error.Unresponsive);
        Assert.Empty(error.NeverRecorded); // the blocked one could not say, and the other had recorded
        // The waiting one was still recording when told to abandon: it said which marker it lacked.
        Assert.Equal([new MissingMarker(blocked, waiting)], error.MissingMarkers);
        Assert.Contains("blocked → waiting", error.Message);
        Assert.False(await IsRecordingAsync(waiting), "the abandon after the timeout should have released the recording");

        gate.Open();
        Assert.False(await IsRecordingAsync(blocked), "after the abandon the blocked participant must hold no recording either");
        var next = await Snapshots.TakeAsync(Group);
        AssertCovers(next, blocked, waiting);
        Assert.Equal(200, Money(next));
        Assert.False(await IsRecordingAsync(blocked));
        Assert.False(await IsRecordingAsync(waiting));
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
        await AwaitMailboxAsync(blocked, 4); // both started: their Initiates and the other's markers wait behind the gate
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
        await AwaitMailboxAsync(blocked, 4); // both started: their Initiates and the other's markers wait behind the gate
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

    [Fact]
    public Task A_channel_recording_more_than_max_recorded_per_channel_fails_with_RecordingLimitExceeded_and_exactly_the_limit_passes() =>
        RecordingLimitAsync(props => props);

    [Fact]
    public Task With_stamped_mailboxes_a_channel_recording_more_than_the_limit_fails_with_RecordingLimitExceeded_and_exactly_the_limit_passes()
    {
        // The extension's configuration holds the stamped mailbox: it is there once the extension has started.
        _ = Snapshots;
        return RecordingLimitAsync(props => props.WithMailbox(StampedMailbox.Id));
    }

    private async Task RecordingLimitAsync(Func<Props, Props> mailbox)
    {
        var payer = await JoinAsync(Group, mailbox(Node.Props(Group, 100)), "payer");
        var receiver = await JoinAsync(Group, mailbox(Node.Props(Group, 100)), "receiver");

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
        await AwaitMailboxAsync(blocked, 2);
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
