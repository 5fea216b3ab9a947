using Akka.Actor;
using Snapshot.Runtime.Internal;

namespace Snapshot.Runtime.Coordination;

/// <summary>
/// Gathering a group's participants from every node's coordinator, before a snapshot starts or to answer
/// who the participants are. The members are ordered by node, then by registration on that node.
/// </summary>
internal sealed class MemberCollection(Guid request, string group, bool startsSnapshot, IReadOnlyList<GroupMember> local, IEnumerable<Address> awaited,
    Action<IReadOnlyList<GroupMember>> complete, Action<SnapshotFailureReason, string> fail)
{
    private readonly HashSet<Address> _awaited = [.. awaited];
    private readonly SortedDictionary<string, IReadOnlyList<GroupMember>> _byNode = new(StringComparer.Ordinal) { [""] = local };

    public Guid Request { get; } = request;

    public string Group { get; } = group;

    /// <summary>True when a snapshot starts once the members are known; false when they are only listed.</summary>
    public bool StartsSnapshot { get; } = startsSnapshot;

    public bool IsComplete => _awaited.Count == 0;

    public IReadOnlyCollection<Address> Awaited => _awaited;

    /// <summary>The answer of the coordinator at <paramref name="node"/>.</summary>
    public void Add(Address node, IReadOnlyList<GroupMember> members)
    {
        if (_awaited.Remove(node))
            _byNode[node.ToString()] = members;
    }

    /// <summary>A node that can no longer answer: its participants take no part.</summary>
    public void Drop(Address node) => _awaited.Remove(node);

    public void Complete() => complete(_byNode.Count == 1 ? _byNode[""] : [.. _byNode.Values.SelectMany(m => m)]);

    public void Fail(SnapshotFailureReason reason, string why) => fail(reason, why);
}
