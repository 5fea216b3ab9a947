namespace Snapshot.Cli.Diagrams;

/// <summary>The moment <see cref="Process"/> recorded its local state for <see cref="Snapshot"/>, and what it recorded.</summary>
/// <param name="State">Short text beside the point (a balance).</param>
public sealed record RecordingPoint(string Process, string Snapshot, DiagramMoment At, string State);
