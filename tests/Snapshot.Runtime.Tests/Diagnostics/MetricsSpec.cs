using Snapshot.Runtime.Tests.Support;
using Xunit.Abstractions;
using static Snapshot.Runtime.Diagnostics.SnapshotTelemetry;

namespace Snapshot.Runtime.Tests.Diagnostics;

/// <summary>The meter's instruments, read through a <c>MeterListener</c>, after snapshots whose every figure is known.</summary>
public sealed class MetricsSpec(ITestOutputHelper output) : TelemetrySpec(output, "akka.snapshot.timeout-report-grace = 100ms")
{
    [Fact]
    public async Task A_completed_snapshot_counts_once_with_its_duration_a_marker_per_channel_and_the_messages_it_recorded()
    {
        const string Group = "metrics-completed";
        using var recorder = new TelemetryRecorder(Group);
        var (snapshot, _, _) = await TakeWithOneCreditInFlightAsync(Group);

        Assert.Equal([1.0], recorder.Of(Instruments.Completed).Select(m => m.Value));
        Assert.Equal(4, recorder.Sum(Instruments.Markers)); // payer → payer, payer → payee, payee → payer, payee → payee
        Assert.Equal(1, recorder.Sum(Instruments.RecordedMessages));
        var duration = Assert.Single(recorder.Of(Instruments.Duration));
        Assert.Equal(snapshot.Duration.TotalSeconds, duration.Value);
        Assert.Equal(Outcomes.Completed, duration.Tags[Tags.Outcome]);
        Assert.Equal([1.0, -1.0], recorder.Of(Instruments.InFlight).Select(m => m.Value));
        Assert.Empty(recorder.Of(Instruments.Failed));
        Assert.Empty(recorder.Of(Instruments.PartBytes)); // every part stayed on this node, as an object
    }

    [Fact]
    public async Task Failures_are_counted_by_reason_refusals_included_and_a_failed_snapshot_leaves_the_in_flight_count()
    {
        const string Group = "metrics-failed";
        using var recorder = new TelemetryRecorder(Group);
        var (_, doomed, _) = await FailWithAStoppedParticipantAsync(Group);
        await Assert.ThrowsAsync<SnapshotFailedException>(() => Snapshots.TakeAsync(Group, initiator: doomed).WaitAsync(RemainingOrDefault));

        var failed = recorder.Of(Instruments.Failed);
        Assert.Equal(
            [nameof(SnapshotFailureReason.ParticipantStopped), nameof(SnapshotFailureReason.InitiatorNotParticipant)],
            failed.Select(m => m.Tags[Tags.FailureReason]));
        Assert.All(failed, m => Assert.Equal(1.0, m.Value));
        // Only the snapshot that started ran: the refused one has no duration and was never in flight.
        var duration = Assert.Single(recorder.Of(Instruments.Duration));
        Assert.Equal(Outcomes.Failed, duration.Tags[Tags.Outcome]);
        Assert.Equal(nameof(SnapshotFailureReason.ParticipantStopped), duration.Tags[Tags.FailureReason]);
        Assert.Equal([1.0, -1.0], recorder.Of(Instruments.InFlight).Select(m => m.Value));
        Assert.Empty(recorder.Of(Instruments.Completed));
    }

    [Fact]
    public async Task A_timeout_is_counted_as_a_failure_with_its_reason_once_it_is_reported()
    {
        const string Group = "metrics-timeout";
        using var recorder = new TelemetryRecorder(Group);
        using var gate = new Gate();
        var stuck = await NodeAsync(Group, "stuck");
        await BlockAsync(stuck, gate); // it can neither record nor answer the abandon: the report waits out the grace

        await Assert.ThrowsAsync<SnapshotTimeoutException>(() => Snapshots.TakeAsync(Group, timeout: TimeSpan.FromMilliseconds(200)));

        var failed = Assert.Single(recorder.Of(Instruments.Failed));
        Assert.Equal(nameof(SnapshotFailureReason.Timeout), failed.Tags[Tags.FailureReason]);
        var duration = Assert.Single(recorder.Of(Instruments.Duration));
        Assert.InRange(duration.Value, 0.2, 30); // past its timeout: it ran until the report, a grace period later
        Assert.Equal([1.0, -1.0], recorder.Of(Instruments.InFlight).Select(m => m.Value));
    }
}
