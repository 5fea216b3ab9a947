namespace Snapshot.Cli.Demo;

/// <summary>
/// One event of a participant's part of a snapshot, as the <c>Snapshot</c> activity source told it: a marker
/// received or sent on channel <see cref="From"/> → <see cref="To"/>, or the state recorded.
/// </summary>
/// <param name="Snapshot">The snapshot: its coordinator's path and its id there.</param>
/// <param name="Participant">The participant's actor name.</param>
/// <param name="Node">The address of the participant's node.</param>
/// <param name="Name">The event's name, one of <c>SnapshotTelemetry.Events</c>.</param>
/// <param name="Recorded">On a marker received, the messages its channel held in flight.</param>
/// <param name="Index">The event's place in its span: events of one participant logged at the same instant keep their order.</param>
public sealed record ParticipantEvent(
    string Snapshot, string Participant, string Node, string Name, string? From, string? To, int? Recorded, DateTimeOffset At, int Index);
