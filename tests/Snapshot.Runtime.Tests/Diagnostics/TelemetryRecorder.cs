using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Snapshot.Runtime.Diagnostics;

namespace Snapshot.Runtime.Tests.Diagnostics;

/// <summary>
/// Listens to the extension's meter and activity source as an application would, and keeps what concerns one
/// snapshot group: the source and meter are shared by every ActorSystem of the process, and other specs run beside.
/// </summary>
public sealed class TelemetryRecorder : IDisposable
{
    private readonly string _group;
    private readonly MeterListener _meters = new();
    private readonly ActivityListener _activities;
    private readonly ConcurrentQueue<Measured> _measured = new();
    private readonly ConcurrentQueue<Activity> _stopped = new();

    public TelemetryRecorder(string group)
    {
        _group = group;
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == SnapshotTelemetry.MeterName)
                listener.EnableMeasurementEvents(instrument);
        };
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Keep(instrument, value, tags));
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Keep(instrument, value, tags));
        _meters.Start();
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SnapshotTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (Equals(activity.GetTagItem(SnapshotTelemetry.Tags.Group), _group))
                    _stopped.Enqueue(activity);
            },
        };
        ActivitySource.AddActivityListener(_activities);
    }

    /// <summary>One measurement of an instrument, with its tags.</summary>
    public sealed record Measured(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);

    /// <summary>The measurements of <paramref name="instrument"/>, in the order they were taken.</summary>
    public IReadOnlyList<Measured> Of(string instrument) => [.. _measured.Where(m => m.Instrument == instrument)];

    /// <summary>The sum of the measurements of a counter, as an exporter reports it.</summary>
    public double Sum(string instrument) => Of(instrument).Sum(m => m.Value);

    /// <summary>Stopped spans of <paramref name="name"/>, in the order they stopped.</summary>
    public IReadOnlyList<Activity> Spans(string name) => [.. _stopped.Where(a => a.OperationName == name)];

    public void Dispose()
    {
        _meters.Dispose();
        _activities.Dispose();
    }

    private void Keep(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var byKey = new Dictionary<string, object?>();
        foreach (var tag in tags)
            byKey[tag.Key] = tag.Value;
        if (Equals(byKey.GetValueOrDefault(SnapshotTelemetry.Tags.Group), _group))
            _measured.Enqueue(new Measured(instrument.Name, value, byKey));
    }
}
