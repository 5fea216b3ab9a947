using Akka.Actor;

namespace Snapshot.Runtime;

/// <summary>
/// A node that had participants in the previous snapshot of a group that the same node took and has none in this one:
/// it was removed from the cluster (or all its participants stopped) in between, and the group shrank by
/// <paramref name="Participants"/>.
/// </summary>
public sealed record DepartedNode(Address Node, int Participants);
