namespace Snapshot.Simulation;

/// <summary>The snapshots of a run, by ascending id, and everything that happened in it.</summary>
public sealed record SimulationResult(IReadOnlyList<SimulatedSnapshot> Snapshots, IReadOnlyList<TraceEvent> Trace, long FinalTime);
