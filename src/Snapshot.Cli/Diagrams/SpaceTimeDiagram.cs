namespace Snapshot.Cli.Diagrams;

/// <summary>
/// What a space-time diagram shows, whatever ran: one line per process (top to bottom in the order given),
/// messages and markers between them, and per snapshot the points where each process recorded; the cut of a
/// snapshot is the line through its recording points. Times are in <see cref="TimeUnit"/>; the window runs
/// from <see cref="Start"/> to <see cref="End"/>.
/// </summary>
/// <param name="TimeStep">The time one grid step spans: events that far apart are drawn a step apart.</param>
/// <param name="Snapshots">Snapshot ids in drawing order; each gets its own colour.</param>
/// <param name="Notes">Lines printed under the diagram, such as what each snapshot holds.</param>
public sealed record SpaceTimeDiagram(
    string Title,
    string TimeUnit,
    double Start,
    double End,
    double TimeStep,
    IReadOnlyList<string> Processes,
    IReadOnlyList<string> Snapshots,
    IReadOnlyList<DiagramMessage> Messages,
    IReadOnlyList<RecordingPoint> Recordings,
    IReadOnlyList<string> Notes);
