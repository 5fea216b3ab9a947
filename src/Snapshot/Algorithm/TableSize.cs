namespace Snapshot.Algorithm;

/// <summary>
/// How many entries one of the runtime's own tables holds now (what it keeps per snapshot, request, participant or node):
/// read by the leak check of <c>snapshot soak</c> and the specs, which expect each back at its idle size once snapshots stop.
/// </summary>
/// <param name="Table">Where the table lives and what it keeps, like <c>coordinator.running</c>.</param>
internal readonly record struct TableSize(string Table, int Size);
