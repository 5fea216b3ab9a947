using Akka.Actor;
using Snapshot.Runtime.Internal;

namespace Snapshot.Runtime.Coordination;

/// <summary>
/// What the coordinator does once the members of one request are gathered (<see cref="Snapshot.Algorithm.MemberGathering{TNode,TMember}"/>
/// decides when): start a snapshot over them, or list them to whoever asked; or, when gathering fails, say why.
/// </summary>
/// <param name="Known">The list of each other node held when the request was made, which that node may answer is unchanged.</param>
internal sealed record MemberRequest(string Group, IReadOnlyDictionary<Address, KnownMembers.List> Known, Action<IReadOnlyList<GroupMember>> Complete,
    Action<SnapshotFailureReason, string> Fail);
