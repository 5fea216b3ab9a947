using Akka.Actor;
using Akka.Cluster;
using Snapshot.Algorithm;

namespace Snapshot.Runtime.Coordination;

/// <summary>
/// The other nodes whose coordinators take part in snapshots: the cluster members that are joining or up and
/// reachable; and those still in the cluster that cannot take part now. Outside a cluster there is none, and a snapshot covers this
/// ActorSystem alone.
/// </summary>
internal sealed class ClusterPeers(Cluster cluster)
{
    // Nodes the coordinator has heard are unreachable, leaving or removed. The cluster's own state can lag behind
    // the events the coordinator receives, and a node already failed for must not join the next snapshot.
    private readonly HashSet<Address> _unreachable = [];
    private readonly HashSet<Address> _leaving = [];
    private readonly HashSet<Address> _removed = [];

    /// <summary>Nodes other than this one that can answer now.</summary>
    /// <remarks>
    /// Joining ones included: a node hosts participants from the moment its ActorSystem runs, and others may already
    /// send to them. The leader moves a node from Joining to Up only once every reachable member has seen it Joining
    /// (gossip convergence), so by the time any node sees it Up, and pays its participants, every coordinator lists it
    /// here; a snapshot that left it out would miss what its participants received.
    /// </remarks>
    public IReadOnlyList<Address> Others
    {
        get
        {
            var unreachable = Unreachable();
            return [.. cluster.State.Members
                .Where(m => m.Status is MemberStatus.Joining or MemberStatus.Up or MemberStatus.WeaklyUp)
                .Select(m => m.Address)
                .Where(a => a != cluster.SelfAddress && !unreachable.Contains(a) && !_leaving.Contains(a) && !_removed.Contains(a))
                .OrderBy(a => a.ToString(), StringComparer.Ordinal)];
        }
    }

    /// <summary>
    /// Nodes still in the cluster that cannot answer now, with why: unreachable, or leaving and not yet removed. Their
    /// participants are still members of their groups, so a snapshot that cannot ask them cannot cover its group.
    /// </summary>
    public IReadOnlyList<(Address Node, SnapshotFailureReason Reason, string Why)> Absent
    {
        get
        {
            var unreachable = Unreachable();
            var absent = new List<(Address Node, SnapshotFailureReason Reason, string Why)>();
            foreach (var member in cluster.State.Members.OrderBy(m => m.Address.ToString(), StringComparer.Ordinal))
            {
                if (member.Address == cluster.SelfAddress || _removed.Contains(member.Address))
                    continue;
                if (unreachable.Contains(member.Address))
                    absent.Add((member.Address, SnapshotFailureReason.NodeUnreachable, "is unreachable"));
                else if (member.Status is MemberStatus.Leaving or MemberStatus.Exiting or MemberStatus.Down || _leaving.Contains(member.Address))
                    absent.Add((member.Address, SnapshotFailureReason.NodeLeft, $"is leaving the cluster ({member.Status})"));
            }
            return absent;
        }
    }

    /// <summary>The sizes of what it keeps per node it heard is unreachable, leaving or removed.</summary>
    public IEnumerable<TableSize> TableSizes() =>
        [new("peers.unreachable", _unreachable.Count), new("peers.leaving", _leaving.Count), new("peers.removed", _removed.Count)];

    /// <summary>Applies a cluster event.</summary>
    /// <returns>Why the node it concerns can no longer take part in snapshots; null when it still can.</returns>
    public (Address Node, SnapshotFailureReason Reason, string What)? Apply(ClusterEvent.IClusterDomainEvent e)
    {
        switch (e)
        {
            case ClusterEvent.ReachableMember reachable:
                _unreachable.Remove(reachable.Member.Address);
                return null;
            case ClusterEvent.MemberUp or ClusterEvent.MemberWeaklyUp:
                var up = ((ClusterEvent.MemberStatusChange)e).Member.Address;
                _leaving.Remove(up);
                _removed.Remove(up);
                return null;
            case ClusterEvent.UnreachableMember unreachable:
                _unreachable.Add(unreachable.Member.Address);
                return (unreachable.Member.Address, SnapshotFailureReason.NodeUnreachable, "became unreachable");
            case ClusterEvent.MemberRemoved removed:
                _removed.Add(removed.Member.Address);
                _unreachable.Remove(removed.Member.Address);
                _leaving.Remove(removed.Member.Address);
                return (removed.Member.Address, SnapshotFailureReason.NodeLeft, $"left the cluster ({removed.Member.Status})");
            case ClusterEvent.MemberLeft or ClusterEvent.MemberExited or ClusterEvent.MemberDowned:
                var member = ((ClusterEvent.MemberStatusChange)e).Member;
                _leaving.Add(member.Address);
                return (member.Address, SnapshotFailureReason.NodeLeft, $"left the cluster ({member.Status})");
            default:
                return null;
        }
    }

    private HashSet<Address> Unreachable()
    {
        var unreachable = cluster.State.Unreachable.Select(m => m.Address).ToHashSet();
        unreachable.UnionWith(_unreachable);
        return unreachable;
    }
}
