using System.Diagnostics;
using Akka.Actor;
using Snapshot.Runtime.Tests.Support;
using Xunit.Abstractions;
using static Snapshot.Runtime.Diagnostics.SnapshotTelemetry;

namespace Snapshot.Runtime.Tests.Diagnostics;

/// <summary>
/// The spans and events an <c>ActivityListener</c> receives: one span per snapshot at its coordinator, and under it
/// one per participant whose events say, in order, which markers it received and sent and what it recorded.
/// </summary>
public sealed class TracingSpec(ITestOutputHelper output) : TelemetrySpec(output)
{
    [Fact]
    public async Task A_snapshot_is_one_span_with_its_figures_and_a_child_span_per_participant_holding_its_markers_and_recordings()
    {
        const string Group = "traced";
        using var recorder = new TelemetryRecorder(Group);
        var (snapshot, payerRef, payeeRef) = await TakeWithOneCreditInFlightAsync(Group);
        var (payer, payee) = (PathOf(payerRef), PathOf(payeeRef));

        var span = Assert.Single(recorder.Spans(Activities.Snapshot));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Equal(snapshot.StartedAt.UtcDateTime, span.StartTimeUtc);
        Assert.Equal(snapshot.Duration, span.Duration);
        Assert.Equal(
            new Dictionary<string, object?>
            {
                [Tags.Group] = Group,
                [Tags.Id] = snapshot.Id,
                [Tags.Coordinator] = $"akka://{Sys.Name}/system/global-snapshots",
                [Tags.Initiator] = payee,
                [Tags.Participants] = 2,
                [Tags.Outcome] = Outcomes.Completed,
                [Tags.Markers] = 4L,
                [Tags.RecordedMessages] = 1,
            },
            span.TagObjects.ToDictionary());

        var parts = recorder.Spans(Activities.Part);
        Assert.Equal([payee, payer], parts.Select(p => p.GetTagItem(Tags.Participant)).Order());
        Assert.All(parts, part =>
        {
            Assert.Equal(span.TraceId, part.TraceId);
            Assert.Equal(span.SpanId, part.ParentSpanId);
            Assert.Equal(snapshot.Id, part.GetTagItem(Tags.Id));
            Assert.Equal(Outcomes.Completed, part.GetTagItem(Tags.Outcome));
        });
        // The payee recorded on the initiate, then got the credit, then both markers, its own and the payer's, in
        // whichever order they came (the payer's left once the payee's had reached it): the payer's closed the channel
        // that held the credit.
        var payeeEvents = EventsOf(parts.Single(p => Equals(p.GetTagItem(Tags.Participant), payee)));
        Assert.Equal(
            [
                (Events.StateRecorded, null, null, null),
                (Events.MarkerSent, payee, payer, null),
                (Events.MarkerSent, payee, payee, null),
            ],
            payeeEvents[..3]);
        Assert.Equal([(Events.MarkerReceived, payee, payee, 0), (Events.MarkerReceived, payer, payee, 1)], payeeEvents[3..5].Order());
        Assert.Equal([(Events.PartCompleted, null, null, 1)], payeeEvents[5..]);
        Assert.Equal(
            [
                (Events.MarkerReceived, payee, payer, 0),
                (Events.StateRecorded, null, null, null),
                (Events.MarkerSent, payer, payer, null),
                (Events.MarkerSent, payer, payee, null),
                (Events.MarkerReceived, payer, payer, 0),
                (Events.PartCompleted, null, null, 0),
            ],
            EventsOf(parts.Single(p => Equals(p.GetTagItem(Tags.Participant), payer))));
    }

    [Fact]
    public async Task A_failed_snapshot_is_an_error_span_with_its_reason_and_the_parts_it_left_open_end_abandoned()
    {
        const string Group = "traced-failure";
        using var recorder = new TelemetryRecorder(Group);
        var (error, _, survivor) = await FailWithAStoppedParticipantAsync(Group);

        var span = Assert.Single(recorder.Spans(Activities.Snapshot));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(error.Message, span.StatusDescription);
        Assert.Equal(Outcomes.Failed, span.GetTagItem(Tags.Outcome));
        Assert.Equal(nameof(SnapshotFailureReason.ParticipantStopped), span.GetTagItem(Tags.FailureReason));
        Assert.Null(span.GetTagItem(Tags.Initiator)); // every participant was initiated at once
        // The survivor recorded and waited for the doomed one's marker until the coordinator told it to abandon.
        await AwaitAssertAsync(() => Assert.Single(recorder.Spans(Activities.Part)));
        var part = recorder.Spans(Activities.Part)[0];
        Assert.Equal(PathOf(survivor), part.GetTagItem(Tags.Participant));
        Assert.Equal(Outcomes.Abandoned, part.GetTagItem(Tags.Outcome));
        Assert.Equal(span.SpanId, part.ParentSpanId);
        Assert.DoesNotContain(part.Events, e => e.Name == Events.PartCompleted);
    }

    [Fact]
    public async Task A_participant_that_stops_while_recording_ends_its_part_span_as_failed()
    {
        const string Group = "traced-stop";
        using var recorder = new TelemetryRecorder(Group);
        using var gate = new Gate();
        var initiator = await NodeAsync(Group, "initiator");
        var other = await NodeAsync(Group, "other");
        await BlockAsync(other, gate);
        var taking = Snapshots.TakeAsync(Group, initiator: initiator);
        await AwaitMailboxAsync(other, 1); // [the initiator's marker]: it has recorded and waits for other's

        Sys.Stop(initiator);

        await AwaitAssertAsync(() => Assert.Single(recorder.Spans(Activities.Part)));
        var part = recorder.Spans(Activities.Part)[0];
        Assert.Equal(PathOf(initiator), part.GetTagItem(Tags.Participant));
        Assert.Equal(Outcomes.Failed, part.GetTagItem(Tags.Outcome));
        Assert.Equal(nameof(SnapshotFailureReason.ParticipantStopped), part.GetTagItem(Tags.FailureReason));
        Assert.Equal((ActivityStatusCode.Error, "initiator stopped while recording"), (part.Status, part.StatusDescription));
        gate.Open();
        Assert.Equal(SnapshotFailureReason.ParticipantStopped, (await Assert.ThrowsAsync<SnapshotFailedException>(() => taking.WaitAsync(RemainingOrDefault))).Reason);
    }

    [Fact]
    public async Task The_span_current_where_the_snapshot_is_taken_is_the_parent_of_the_snapshots_span()
    {
        const string Group = "traced-caller";
        using var recorder = new TelemetryRecorder(Group);
        using var callerSource = new ActivitySource("caller");
        using var callerListener = new ActivityListener
        {
            ShouldListenTo = source => source == callerSource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(callerListener);
        await NodeAsync(Group, "alone");

        using (var caller = callerSource.StartActivity("request"))
        {
            await Snapshots.TakeAsync(Group);
            var span = Assert.Single(recorder.Spans(Activities.Snapshot));
            Assert.Equal(caller!.TraceId, span.TraceId);
            Assert.Equal(caller.SpanId, span.ParentSpanId);
        }
    }

    private string PathOf(IActorRef actor) => $"akka://{Sys.Name}/user/{actor.Path.Name}";

    /// <summary>Each event's name, channel ends and count of recorded messages, the tags an event may have.</summary>
    private static (string Name, object? From, object? To, object? Recorded)[] EventsOf(Activity part) =>
        [.. part.Events.Select(e => e.Tags.ToDictionary()).Zip(part.Events, (tags, e) =>
            (e.Name, tags.GetValueOrDefault(Tags.ChannelFrom), tags.GetValueOrDefault(Tags.ChannelTo), tags.GetValueOrDefault(Tags.RecordedMessages)))];
}
