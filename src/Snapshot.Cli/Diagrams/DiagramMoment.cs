namespace Snapshot.Cli.Diagrams;

/// <summary>
/// When something happened on a process line: <see cref="Time"/> in the diagram's unit, and <see cref="Order"/>,
/// which happened first among events at the same time (lower first). Steps of a simulation often hold several
/// events of one process; the order keeps them apart and in sequence on the line.
/// </summary>
public readonly record struct DiagramMoment(double Time, long Order);
