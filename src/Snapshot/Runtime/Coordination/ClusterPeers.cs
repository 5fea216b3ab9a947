using Akka.Actor;
using Akka.Cluster;

namespace Snapshot.Runtime.Coordination;

/// <summary>
/// The other nodes whose coordinators take part in snapshots: the cluster members that are up and reachable.
/// Outside a cluster there is none, and a snapshot covers this ActorSystem alone.
/// </summary>
internal sealed class ClusterPeers(Cluster cluster)
{
    // Nodes the coordinator has heard are unreachable or gone. The cluster's own state can lag behind the
    // events the coordinator receives, and a node already failed for must not join the next snapshot.
    private readonly HashSet<Address> _lost = [];

    /// <summary>Nodes other than this one that can answer now.</summary>
    public IReadOnlyList<Address> Others
    {
        get
        {
            var state = cluster.State;
            var unreachable = state.Unreachable.Select(m => m.Address).ToHashSet();
            return [.. state.Members
                .Where(m => m.Status is MemberStatus.Up or MemberStatus.WeaklyUp)
                .Select(m => m.Address)
                .Where(a => a != cluster.SelfAddress && !unreachable.Contains(a) && !_lost.Contains(a))
                .OrderBy(a => a.ToString(), StringComparer.Ordinal)];
        }
    }

    /// <summary>Applies a cluster event.</summary>
    /// <returns>Why the node it concerns can no longer take part in snapshots; null when it still can.</returns>
    public (Address Node, SnapshotFailureReason Reason, string What)? Apply(ClusterEvent.IClusterDomainEvent e)
    {
        switch (e)
        {
            case ClusterEvent.ReachableMember reachable:
                _lost.Remove(reachable.Member.Address);
                return null;
            case ClusterEvent.MemberUp or ClusterEvent.MemberWeaklyUp:
                _lost.Remove(((ClusterEvent.MemberStatusChange)e).Member.Address);
                return null;
            case ClusterEvent.UnreachableMember unreachable:
                _lost.Add(unreachable.Member.Address);
                return (unreachable.Member.Address, SnapshotFailureReason.NodeUnreachable, "became unreachable");
            case ClusterEvent.MemberLeft or ClusterEvent.MemberExited or ClusterEvent.MemberRemoved or ClusterEvent.MemberDowned:
                var member = ((ClusterEvent.MemberStatusChange)e).Member;
                _lost.Add(member.Address);
                return (member.Address, SnapshotFailureReason.NodeLeft, $"left the cluster ({member.Status})");
            default:
                return null;
        }
    }
}
