using System.Collections.Concurrent;
using System.Diagnostics;
using Snapshot.Runtime.Diagnostics;

namespace Snapshot.Cli.Demo;

/// <summary>
/// Listens to the <c>Snapshot</c> activity source, as any application can, and keeps the events of participants'
/// parts. The source is shared by every ActorSystem of the process; <see cref="EventsOn"/> keeps one cluster's.
/// </summary>
public sealed class ParticipantEventListener : IDisposable
{
    private readonly ConcurrentQueue<Activity> _parts = new();
    private readonly ActivityListener _listener;

    public ParticipantEventListener()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SnapshotTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.OperationName == SnapshotTelemetry.Activities.Part)
                    _parts.Enqueue(activity);
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The events of the parts that ended so far on the nodes at <paramref name="nodes"/> (addresses like <c>akka.tcp://snapshot@127.0.0.1:4053</c>).</summary>
    public IReadOnlyList<ParticipantEvent> EventsOn(IReadOnlyCollection<string> nodes) =>
        [.. _parts.SelectMany(part => EventsOf(part, nodes))];

    public void Dispose() => _listener.Dispose();

    private static IEnumerable<ParticipantEvent> EventsOf(Activity part, IReadOnlyCollection<string> nodes)
    {
        var participant = (string)part.GetTagItem(SnapshotTelemetry.Tags.Participant)!;
        var node = nodes.FirstOrDefault(n => participant.StartsWith(n + "/", StringComparison.Ordinal));
        if (node is null)
            yield break;
        var snapshot = $"{part.GetTagItem(SnapshotTelemetry.Tags.Coordinator)}#{part.GetTagItem(SnapshotTelemetry.Tags.Id)}";
        var index = 0;
        foreach (var e in part.Events)
        {
            var tags = e.Tags.ToDictionary(t => t.Key, t => t.Value);
            yield return new ParticipantEvent(snapshot, NameOf(participant), node, e.Name,
                tags.GetValueOrDefault(SnapshotTelemetry.Tags.ChannelFrom) is string from ? NameOf(from) : null,
                tags.GetValueOrDefault(SnapshotTelemetry.Tags.ChannelTo) is string to ? NameOf(to) : null,
                tags.GetValueOrDefault(SnapshotTelemetry.Tags.RecordedMessages) as int?,
                e.Timestamp,
                index++);
        }
    }

    private static string NameOf(string path) => path[(path.LastIndexOf('/') + 1)..];
}
