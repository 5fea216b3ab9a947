namespace Snapshot.Analysis;

/// <summary>What garbage detection found in a snapshot.</summary>
/// <param name="Objects">How many objects the participants own.</param>
/// <param name="Reachable">How many of them a root reaches.</param>
/// <param name="Unreachable">The others, by id (ordinal order).</param>
public sealed record GarbageReport(int Objects, int Reachable, IReadOnlyList<UnreachableObject> Unreachable);
