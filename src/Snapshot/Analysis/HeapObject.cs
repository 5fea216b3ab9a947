namespace Snapshot.Analysis;

/// <summary>An object a participant owns, and the ids of the objects it references (on any participant).</summary>
public sealed record HeapObject(string Id, IReadOnlyList<string> References);
