namespace Snapshot.Cli.Diagrams;

/// <summary>
/// One message on a channel <c>From → To</c>, drawn as an arrow from its send to its receipt.
/// </summary>
/// <param name="Sent">Null when it was sent before the diagram's window: the arrow starts at the left edge.</param>
/// <param name="Received">Null when it was not received within the window: the arrow runs to the right edge.</param>
/// <param name="Label">Short text beside the arrow (an amount); empty for none.</param>
/// <param name="Detail">The hover title: what the message was, in full.</param>
/// <param name="MarkerOf">The snapshot a marker belongs to; null for an application message.</param>
/// <param name="RecordedIn">The snapshots that recorded this message as in flight on its channel.</param>
public sealed record DiagramMessage(
    string From,
    string To,
    DiagramMoment? Sent,
    DiagramMoment? Received,
    string Label,
    string Detail,
    string? MarkerOf,
    IReadOnlyList<string> RecordedIn)
{
    public bool IsMarker => MarkerOf is not null;
}
