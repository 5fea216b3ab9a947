namespace Snapshot.Analysis;

/// <summary>
/// What deadlock detection found in a snapshot: its wait-for graph, the resources on their way that it took into
/// account, and every cycle of the graph (each a deadlock).
/// </summary>
/// <param name="WaitsFor">Every edge of the wait-for graph, by waiter then holder (<see cref="ParticipantOrder"/>).</param>
/// <param name="Handovers">Resources in flight or stashed, in snapshot order: each makes its receiver the holder and ends its wait.</param>
/// <param name="Cycles">Every elementary cycle, ordered by their participants (<see cref="ParticipantOrder"/>).</param>
public sealed record DeadlockReport(IReadOnlyList<WaitEdge> WaitsFor, IReadOnlyList<PendingHandover> Handovers, IReadOnlyList<DeadlockCycle> Cycles)
{
    public bool IsDeadlocked => Cycles.Count > 0;
}
