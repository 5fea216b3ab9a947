using System.Diagnostics;
using Akka.Actor;
using Snapshot.Algorithm;
using static Snapshot.Runtime.Diagnostics.SnapshotTelemetry;

namespace Snapshot.Runtime.Diagnostics;

/// <summary>
/// What a coordinator measures and traces of one snapshot it started: the <see cref="Activities.Snapshot"/> span
/// (when someone listens) and the metrics of its end.
/// </summary>
internal sealed class SnapshotObservation
{
    private readonly string _group;
    private readonly DateTimeOffset _startedAt;
    private readonly Activity? _activity;

    private SnapshotObservation(string group, DateTimeOffset startedAt, Activity? activity)
    {
        _group = group;
        _startedAt = startedAt;
        _activity = activity;
    }

    /// <summary>The context participants' spans take as parent; empty when nobody traces this snapshot.</summary>
    public ActivityContext TraceContext => _activity?.Context ?? default;

    /// <param name="caller">The span that was current where the snapshot was requested, if any.</param>
    public static SnapshotObservation Start(SnapshotId id, string group, IActorContext coordinator, IActorRef? initiator, int participants,
        DateTimeOffset startedAt, ActivityContext caller)
    {
        SnapshotMetrics.Started(group);
        var activity = Instrumentation.Source.HasListeners()
            ? Instrumentation.StartDetached(Activities.Snapshot, caller,
            [
                new(Tags.Group, group),
                new(Tags.Id, id.Value),
                new(Tags.Coordinator, Instrumentation.PathOf(coordinator.Self, coordinator.System)),
                new(Tags.Initiator, initiator is null ? null : Instrumentation.PathOf(initiator, coordinator.System)),
                new(Tags.Participants, participants),
            ])
            : null;
        activity?.SetStartTime(startedAt.UtcDateTime);
        return new SnapshotObservation(group, startedAt, activity);
    }

    public void Completed(GlobalSnapshot snapshot)
    {
        SnapshotMetrics.Completed(snapshot);
        if (_activity is null)
            return;
        _activity.SetTag(Tags.Outcome, Outcomes.Completed);
        _activity.SetTag(Tags.Markers, snapshot.Markers);
        _activity.SetTag(Tags.RecordedMessages, snapshot.RecordedMessages);
        _activity.SetEndTime(snapshot.CompletedAt.UtcDateTime);
        Instrumentation.StopDetached(_activity);
    }

    public void Failed(SnapshotFailureReason reason, string detail)
    {
        SnapshotMetrics.Failed(_group, reason, DateTimeOffset.UtcNow - _startedAt);
        if (_activity is null)
            return;
        _activity.SetTag(Tags.Outcome, Outcomes.Failed);
        _activity.SetTag(Tags.FailureReason, reason.ToString());
        _activity.SetStatus(ActivityStatusCode.Error, detail);
        Instrumentation.StopDetached(_activity);
    }
}
