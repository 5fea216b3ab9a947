using Akka.Actor;
using Snapshot.Algorithm;

namespace Snapshot.Runtime.Coordination;

/// <summary>
/// How many participants each node had in the last snapshot of each group this coordinator completed: what the next
/// one compares with to say which nodes departed (<see cref="GlobalSnapshot.DepartedNodes"/>).
/// </summary>
internal sealed class GroupNodes(Address self)
{
    private readonly Dictionary<string, Dictionary<Address, int>> _last = [];

    /// <summary>The number of nodes it remembers, over every group.</summary>
    public TableSize TableSize() => new("coordinator.group-nodes", _last.Values.Sum(nodes => nodes.Count));

    /// <summary>
    /// Notes the nodes of <paramref name="snapshot"/>'s participants; returns the nodes of the group's previous snapshot
    /// that have none in it, with how many they had, in address order.
    /// </summary>
    public IReadOnlyList<DepartedNode> Departed(GlobalSnapshot snapshot)
    {
        var now = snapshot.Processes
            .GroupBy(p => p.Participant.Path.Address.HasGlobalScope ? p.Participant.Path.Address : self)
            .ToDictionary(node => node.Key, node => node.Count());
        var departed = _last.TryGetValue(snapshot.Group, out var before)
            ? before.Where(node => !now.ContainsKey(node.Key))
                .Select(node => new DepartedNode(node.Key, node.Value))
                .OrderBy(node => node.Node.ToString(), StringComparer.Ordinal)
                .ToArray()
            : [];
        _last[snapshot.Group] = now;
        return departed;
    }
}
