namespace Snapshot.Runtime.Diagnostics;

/// <summary>
/// Every name the extension's metrics and traces use, in one place: subscribe to <see cref="MeterName"/> and
/// <see cref="ActivitySourceName"/> (an OpenTelemetry SDK's <c>AddMeter</c> and <c>AddSource</c>, or a
/// <c>MeterListener</c> and an <c>ActivityListener</c>), and read instruments, spans, events and tags by these names.
/// Nothing is measured or traced in a participant while nobody listens.
/// </summary>
public static class SnapshotTelemetry
{
    /// <summary>The <c>System.Diagnostics.Metrics.Meter</c> of every instrument below.</summary>
    public const string MeterName = "Snapshot";

    /// <summary>The <c>System.Diagnostics.ActivitySource</c> of every span below.</summary>
    public const string ActivitySourceName = "Snapshot";

    /// <summary>
    /// Instruments, measured by the coordinator of the node that started each snapshot (so that a cluster's nodes add
    /// up to each snapshot once), except <see cref="PartBytes"/>. All carry <see cref="Tags.Group"/>.
    /// </summary>
    public static class Instruments
    {
        /// <summary>Histogram, seconds: from the start of a snapshot to its last part, or to its failure; tagged <see cref="Tags.Outcome"/>.</summary>
        public const string Duration = "snapshot.duration";

        /// <summary>Counter: snapshots completed.</summary>
        public const string Completed = "snapshot.completed";

        /// <summary>Counter: snapshots that failed or were refused, tagged <see cref="Tags.FailureReason"/> (a <see cref="SnapshotFailureReason"/> name).</summary>
        public const string Failed = "snapshot.failed";

        /// <summary>Counter: markers sent by completed snapshots, one per channel.</summary>
        public const string Markers = "snapshot.markers";

        /// <summary>Counter: messages completed snapshots recorded in flight on their channels.</summary>
        public const string RecordedMessages = "snapshot.recorded.messages";

        /// <summary>
        /// Counter, bytes: the serialized parts this node's coordinator received from participants on other nodes
        /// (parts of participants on its own node are handed over as objects, never serialized, and are not counted).
        /// </summary>
        public const string PartBytes = "snapshot.part.bytes";

        /// <summary>Up-down counter: snapshots started and not yet completed or failed.</summary>
        public const string InFlight = "snapshot.in_flight";
    }

    /// <summary>Spans (activity operation names).</summary>
    public static class Activities
    {
        /// <summary>
        /// One per snapshot, at the coordinator that started it: from its start to its completion or failure (status
        /// Error then). Tags <see cref="Tags.Group"/>, <see cref="Tags.Id"/>, <see cref="Tags.Coordinator"/>,
        /// <see cref="Tags.Initiator"/> (when one was named), <see cref="Tags.Participants"/>, <see cref="Tags.Outcome"/>,
        /// and <see cref="Tags.Markers"/> and <see cref="Tags.RecordedMessages"/> when completed, or
        /// <see cref="Tags.FailureReason"/> when failed.
        /// </summary>
        public const string Snapshot = "snapshot";

        /// <summary>
        /// One per participant and snapshot, a child of <see cref="Snapshot"/> (on any node: the plan carries the trace
        /// context): from the moment the participant records its state to the end of its part. Tags <see cref="Tags.Group"/>,
        /// <see cref="Tags.Id"/>, <see cref="Tags.Coordinator"/>, <see cref="Tags.Participant"/>, <see cref="Tags.Outcome"/>
        /// (<c>completed</c>, <c>failed</c> with <see cref="Tags.FailureReason"/>, or <c>abandoned</c>: the snapshot
        /// failed elsewhere or passed its deadline). Its events, in the order they happened, are those of <see cref="Events"/>.
        /// </summary>
        public const string Part = "snapshot.part";
    }

    /// <summary>
    /// Events of a <see cref="Activities.Part"/> span, each with its timestamp. Events on a channel carry
    /// <see cref="Tags.ChannelFrom"/> and <see cref="Tags.ChannelTo"/>, participants' paths with their node's address,
    /// the same strings as the spans' <see cref="Tags.Participant"/>. A marker's journey is the <see cref="MarkerSent"/>
    /// of a channel in its sender's span and the <see cref="MarkerReceived"/> of the same channel in its receiver's span,
    /// both spans of one snapshot (one trace; the same <see cref="Tags.Coordinator"/> and <see cref="Tags.Id"/>).
    /// </summary>
    public static class Events
    {
        /// <summary>
        /// A marker received, one per incoming channel: the first made the participant record, each later one closed
        /// its channel's recording. Tagged <see cref="Tags.RecordedMessages"/>: the messages the channel held in flight
        /// (0 on the first marker's channel, which the algorithm records as empty).
        /// </summary>
        public const string MarkerReceived = "snapshot.marker.received";

        /// <summary>
        /// The participant recorded its state: the span's first event when it was initiated, its second, after the
        /// <see cref="MarkerReceived"/> that made it record, when a marker came first.
        /// </summary>
        public const string StateRecorded = "snapshot.state.recorded";

        /// <summary>A marker sent on an outgoing channel, right after the state was recorded: one per outgoing channel.</summary>
        public const string MarkerSent = "snapshot.marker.sent";

        /// <summary>Markers arrived on every incoming channel: the part goes to the coordinator; tagged <see cref="Tags.RecordedMessages"/>.</summary>
        public const string PartCompleted = "snapshot.part.completed";
    }

    /// <summary>Tag keys.</summary>
    public static class Tags
    {
        public const string Group = "snapshot.group";

        /// <summary>The snapshot's id, a number unique per coordinator (<see cref="GlobalSnapshot.Id"/>).</summary>
        public const string Id = "snapshot.id";

        /// <summary>The coordinator that started the snapshot, as an actor path with its node's address.</summary>
        public const string Coordinator = "snapshot.coordinator";

        /// <summary>The participant named to start the snapshot; absent when every participant started at once.</summary>
        public const string Initiator = "snapshot.initiator";

        /// <summary>The number of participants of the snapshot.</summary>
        public const string Participants = "snapshot.participants";

        public const string Markers = "snapshot.markers";

        public const string RecordedMessages = "snapshot.recorded.messages";

        /// <summary><c>completed</c> or <c>failed</c> (and <c>abandoned</c> on a <see cref="Activities.Part"/> span).</summary>
        public const string Outcome = "snapshot.outcome";

        /// <summary>The <see cref="SnapshotFailureReason"/> name of a failure.</summary>
        public const string FailureReason = "snapshot.failure.reason";

        /// <summary>The participant of a <see cref="Activities.Part"/> span, as an actor path with its node's address.</summary>
        public const string Participant = "snapshot.participant";

        /// <summary>The sending end of the channel an event happened on.</summary>
        public const string ChannelFrom = "snapshot.channel.from";

        /// <summary>The receiving end of the channel an event happened on.</summary>
        public const string ChannelTo = "snapshot.channel.to";
    }

    /// <summary>The values of <see cref="Tags.Outcome"/>.</summary>
    public static class Outcomes
    {
        public const string Completed = "completed";

        public const string Failed = "failed";

        public const string Abandoned = "abandoned";
    }
}
