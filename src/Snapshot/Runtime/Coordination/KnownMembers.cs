using Akka.Actor;
using Snapshot.Algorithm;
using Snapshot.Runtime.Internal;

namespace Snapshot.Runtime.Coordination;

/// <summary>
/// The member list each other node last sent this coordinator for each group, with its version: a node whose members
/// have not changed since answers with the version alone, instead of sending its 10,000 members again for every
/// snapshot (and this node resolving 10,000 refs again).
/// <para>
/// Why the list held is the node's list now: a node gives its list a new version whenever a member joins, leaves or
/// changes its channels (<see cref="GroupMembers.Version"/>), and a version once sent always names the same list. A
/// request keeps the lists it asked about (<see cref="MemberRequest.Known"/>), so an answer of "unchanged" finds its
/// list even when another request's answer replaced it here meanwhile.
/// </para>
/// </summary>
internal sealed class KnownMembers
{
    private readonly Dictionary<(Address Node, string Group), List> _lists = [];

    /// <summary>One node's members of one group, at one version of its list.</summary>
    public sealed record List(Guid Version, IReadOnlyList<GroupMember> Members);

    /// <summary>What this coordinator holds of <paramref name="group"/> from each of <paramref name="nodes"/>.</summary>
    public IReadOnlyDictionary<Address, List> Of(string group, IEnumerable<Address> nodes) =>
        nodes.Select(node => (node, list: _lists.GetValueOrDefault((node, group))))
            .Where(known => known.list is { Version: var version } && version != Guid.Empty)
            .ToDictionary(known => known.node, known => known.list!);

    /// <summary><paramref name="node"/> sent its list of <paramref name="group"/>, at <paramref name="version"/>.</summary>
    public void Keep(Address node, string group, Guid version, IReadOnlyList<GroupMember> members) =>
        _lists[(node, group)] = new List(version, members);

    /// <summary>The number of member lists it holds, one per node and group.</summary>
    public TableSize TableSize() => new("coordinator.known-member-lists", _lists.Count);

    /// <summary>False only when <paramref name="node"/> last said it has no participant of <paramref name="group"/>.</summary>
    public bool MayHaveMembers(Address node, string group) => _lists.GetValueOrDefault((node, group)) is not { Members.Count: 0 };

    /// <summary><paramref name="node"/> left the cluster: nothing it sent is kept.</summary>
    public void Forget(Address node)
    {
        foreach (var key in _lists.Keys.Where(key => key.Node == node).ToArray())
            _lists.Remove(key);
    }
}
