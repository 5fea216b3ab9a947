using Snapshot.Runtime.Internal;

namespace Snapshot.Runtime.Coordination;

/// <summary>
/// What the coordinator does once the members of one request are gathered (<see cref="Snapshot.Algorithm.MemberGathering{TNode,TMember}"/>
/// decides when): start a snapshot over them, or list them to whoever asked; or, when gathering fails, say why.
/// </summary>
internal sealed record MemberRequest(string Group, Action<IReadOnlyList<GroupMember>> Complete, Action<SnapshotFailureReason, string> Fail);
