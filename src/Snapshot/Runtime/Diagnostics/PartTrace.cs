using System.Diagnostics;
using Akka.Actor;
using Snapshot.Algorithm;
using Snapshot.Runtime.Internal;
using static Snapshot.Runtime.Diagnostics.SnapshotTelemetry;

namespace Snapshot.Runtime.Diagnostics;

/// <summary>
/// A participant's <see cref="Activities.Part"/> span of one snapshot, with its <see cref="Events"/>. Exists only while
/// someone listens to <see cref="ActivitySourceName"/>: a participant nobody traces does no more than a null check.
/// </summary>
internal sealed class PartTrace
{
    private readonly Activity _activity;
    private readonly string _participant;
    private readonly ActorSystem _system;
    private string? _outcome;

    private PartTrace(Activity activity, string participant, ActorSystem system)
    {
        _activity = activity;
        _participant = participant;
        _system = system;
    }

    /// <summary>Starts the span as <paramref name="participant"/> records its state; null when nobody listens or samples it.</summary>
    public static PartTrace? StartIfListened(SnapshotPlan plan, IActorRef participant, ActorSystem system)
    {
        if (!Instrumentation.Source.HasListeners())
            return null;
        var path = Instrumentation.PathOf(participant, system);
        var activity = Instrumentation.StartDetached(Activities.Part, plan.Trace,
        [
            new(Tags.Group, plan.Group),
            new(Tags.Id, plan.Id.Value),
            new(Tags.Coordinator, Instrumentation.PathOf(plan.Coordinator, system)),
            new(Tags.Participant, path),
        ]);
        return activity is null ? null : new PartTrace(activity, path, system);
    }

    /// <summary>What one input made the participant do, as events in the order it did it.</summary>
    /// <param name="markerFrom">The sender of the marker handed to the process; null for an initiate.</param>
    public void Stepped(ActiveSnapshot active, IActorRef? markerFrom, ProcessStep<IActorRef, object> step)
    {
        if (markerFrom is not null)
            AddChannelEvent(Events.MarkerReceived, Instrumentation.PathOf(markerFrom, _system), _participant, active.RecordedFrom(markerFrom));
        if (step.RecordState)
            StateRecorded();
        var markersTo = step.SendMarkersTo;
        for (var i = 0; i < markersTo.Count; i++)
            AddChannelEvent(Events.MarkerSent, _participant, Instrumentation.PathOf(markersTo[i], _system));
        if (step.Completed is { } part)
            Completed(part.Recorded.Count);
    }

    public void StateRecorded() => _activity.AddEvent(new ActivityEvent(Events.StateRecorded));

    /// <param name="recorded">The messages the part recorded on its channels.</param>
    public void Completed(int recorded)
    {
        _activity.AddEvent(new ActivityEvent(Events.PartCompleted, tags: new ActivityTagsCollection { [Tags.RecordedMessages] = recorded }));
        _outcome = Outcomes.Completed;
    }

    public void Failed(SnapshotFailureReason reason, string detail)
    {
        _outcome = Outcomes.Failed;
        _activity.SetTag(Tags.FailureReason, reason.ToString());
        _activity.SetStatus(ActivityStatusCode.Error, detail);
    }

    /// <summary>Ends the span: the part completed or failed, or else was abandoned (the snapshot failed elsewhere, or passed its deadline).</summary>
    public void End()
    {
        _activity.SetTag(Tags.Outcome, _outcome ?? Outcomes.Abandoned);
        Instrumentation.StopDetached(_activity);
    }

    private void AddChannelEvent(string name, string from, string to, int? recorded = null)
    {
        var tags = new ActivityTagsCollection { [Tags.ChannelFrom] = from, [Tags.ChannelTo] = to };
        if (recorded is { } count)
            tags[Tags.RecordedMessages] = count;
        _activity.AddEvent(new ActivityEvent(name, tags: tags));
    }
}
