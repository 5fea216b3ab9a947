using System.Diagnostics.Metrics;
using static Snapshot.Runtime.Diagnostics.SnapshotTelemetry;

namespace Snapshot.Runtime.Diagnostics;

/// <summary>The instruments of <see cref="SnapshotTelemetry.Instruments"/>, measured by coordinators.</summary>
internal static class SnapshotMetrics
{
    // A snapshot of a few local actors takes about a millisecond, one of a cluster tens of milliseconds, and a
    // timeout is seconds: an exporter's default buckets, made for milliseconds, would put them all in the first one.
    private static readonly Histogram<double> Duration = Instrumentation.Meter.CreateHistogram(
        Instruments.Duration, "s", "From the start of a snapshot to its last part, or to its failure", tags: null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });

    private static readonly Counter<long> CompletedCount = Instrumentation.Meter.CreateCounter<long>(
        Instruments.Completed, "{snapshot}", "Snapshots completed");

    private static readonly Counter<long> FailedCount = Instrumentation.Meter.CreateCounter<long>(
        Instruments.Failed, "{snapshot}", "Snapshots failed or refused, by reason");

    private static readonly Counter<long> Markers = Instrumentation.Meter.CreateCounter<long>(
        Instruments.Markers, "{marker}", "Markers sent by completed snapshots, one per channel (none in a stamped group)");

    private static readonly Counter<long> RecordedMessages = Instrumentation.Meter.CreateCounter<long>(
        Instruments.RecordedMessages, "{message}", "Messages completed snapshots recorded in flight");

    private static readonly Counter<long> PartBytes = Instrumentation.Meter.CreateCounter<long>(
        Instruments.PartBytes, "By", "Serialized parts received from participants on other nodes");

    private static readonly UpDownCounter<long> InFlight = Instrumentation.Meter.CreateUpDownCounter<long>(
        Instruments.InFlight, "{snapshot}", "Snapshots started and not yet completed or failed");

    public static void Started(string group) => InFlight.Add(1, Group(group));

    public static void Completed(GlobalSnapshot snapshot)
    {
        var group = Group(snapshot.Group);
        InFlight.Add(-1, group);
        Duration.Record(snapshot.Duration.TotalSeconds, group, new(Tags.Outcome, Outcomes.Completed));
        CompletedCount.Add(1, group);
        Markers.Add(snapshot.Markers, group);
        RecordedMessages.Add(snapshot.RecordedMessages, group);
    }

    /// <summary>A snapshot that ran for <paramref name="ran"/> and failed.</summary>
    public static void Failed(string group, SnapshotFailureReason reason, TimeSpan ran)
    {
        InFlight.Add(-1, Group(group));
        Duration.Record(ran.TotalSeconds, Group(group), new(Tags.Outcome, Outcomes.Failed), Reason(reason));
        FailedCount.Add(1, Group(group), Reason(reason));
    }

    /// <summary>A snapshot refused before it started.</summary>
    public static void Refused(string group, SnapshotFailureReason reason) => FailedCount.Add(1, Group(group), Reason(reason));

    public static void PartBytesReceived(string group, int bytes) => PartBytes.Add(bytes, Group(group));

    private static KeyValuePair<string, object?> Group(string group) => new(Tags.Group, group);

    private static KeyValuePair<string, object?> Reason(SnapshotFailureReason reason) => new(Tags.FailureReason, reason.ToString());
}
