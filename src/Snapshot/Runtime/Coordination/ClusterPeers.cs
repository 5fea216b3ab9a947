using Akka.Actor;
using Akka.Cluster;

namespace Snapshot.Runtime.Coordination;

/// <summary>
/// The other nodes whose coordinators take part in snapshots: the cluster members that are up and reachable.
/// Outside a cluster there is none, and a snapshot covers this ActorSystem alone.
/// </summary>
internal sealed class ClusterPeers(Cluster cluster)
{
    /// <summary>Nodes other than this one that can answer now, read from the cluster's current state.</summary>
    public IReadOnlyList<Address> Others
    {
        get
        {
            var state = cluster.State;
            var unreachable = state.Unreachable.Select(m => m.Address).ToHashSet();
            return [.. state.Members
                .Where(m => m.Status is MemberStatus.Up or MemberStatus.WeaklyUp)
                .Select(m => m.Address)
                .Where(a => a != cluster.SelfAddress && !unreachable.Contains(a))
                .OrderBy(a => a.ToString(), StringComparer.Ordinal)];
        }
    }

    /// <summary>Why the node a cluster event concerns can no longer take part in snapshots; null when it still can.</summary>
    public static (Address Node, SnapshotFailureReason Reason, string What)? Lost(ClusterEvent.IClusterDomainEvent e) => e switch
    {
        ClusterEvent.UnreachableMember unreachable => (unreachable.Member.Address, SnapshotFailureReason.NodeUnreachable, "became unreachable"),
        ClusterEvent.MemberLeft or ClusterEvent.MemberExited or ClusterEvent.MemberRemoved or ClusterEvent.MemberDowned =>
            (((ClusterEvent.MemberStatusChange)e).Member.Address, SnapshotFailureReason.NodeLeft, $"left the cluster ({((ClusterEvent.MemberStatusChange)e).Member.Status})"),
        _ => null,
    };
}
