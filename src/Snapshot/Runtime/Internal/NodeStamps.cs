using System.Collections.Concurrent;
using Akka.Actor;
using Snapshot.Algorithm;

namespace Snapshot.Runtime.Internal;

/// <summary>
/// This node's side of the stamped protocol, shared by its participants' mailboxes, its participants and its marker
/// fan-out: the <see cref="NodeLedger{TPeer,TSnapshot}"/>, and the plan of each snapshot open in it, which a participant
/// that a message makes record (rather than its initiate) needs.
/// </summary>
internal sealed class NodeStamps : IExtension
{
    private readonly ConcurrentDictionary<SnapshotKey, SnapshotPlan> _plans = new();
    // Snapshots opened here: past its deadline, nothing for one can arrive any more, so its plan goes, and the ledger
    // closes it (if nobody did: a snapshot whose failure no participant here heard of) and forgets it.
    private readonly SnapshotDeadlines<SnapshotKey> _opened = new();

    public NodeLedger<IActorRef, SnapshotKey> Ledger { get; } = new();

    public static NodeStamps Get(ActorSystem system) => system.WithExtension<NodeStamps, NodeStampsProvider>();

    /// <summary>Opens the snapshot of <paramref name="plan"/> here; false when it already ended here (its initiate or a notice came late).</summary>
    public bool Open(SnapshotPlan plan)
    {
        ForgetPastDeadline();
        if (DateTime.UtcNow > plan.DeadlineUtc)
            return false;
        if (!Ledger.Open(plan.Key, plan.Layout.Members, plan.Layout.LocalMembers.Count, plan.MaxRecordedPerChannel))
            return false;
        if (_plans.TryAdd(plan.Key, plan))
            _opened.Add(plan.Key, plan.DeadlineUtc);
        return true;
    }

    /// <summary>
    /// The plan of snapshot <paramref name="key"/>, opened here: kept until its deadline, since a participant looks it up
    /// just after its recording ticked the ledger, when that tick may already have let another thread flush it.
    /// </summary>
    public SnapshotPlan? PlanOf(SnapshotKey key) => _plans.GetValueOrDefault(key);

    /// <summary>
    /// Sends the record notices waiting in the ledger's outbox (<see cref="NoticeOutbox{TPeer,TSnapshot}"/>) to every other
    /// node with members of their snapshots, as <see cref="RecordNotices"/> from the first member they name: one message per
    /// snapshot and node, or more when they hold more than <see cref="RecordNotices.MaxPositions"/>.
    /// </summary>
    public void SendNotices(IActorRefProvider provider) =>
        Ledger.Notices.SendWaiting((key, members) =>
        {
            // Past its deadline nothing waits for these any more.
            if (PlanOf(key) is not { } plan)
                return;
            var positions = members.Select(plan.Layout.Members.IndexOf).ToArray();
            var nodes = plan.Layout.RouteOf(members[0], provider).Nodes;
            foreach (var chunk in positions.Chunk(RecordNotices.MaxPositions))
            {
                var notices = new RecordNotices(plan, chunk);
                foreach (var node in nodes)
                    node.Tell(notices, members[0]);
            }
        });

    /// <summary>Tells <paramref name="message"/> (an initiate or a flush) to every member of <paramref name="plan"/> on this node but <paramref name="except"/>.</summary>
    public static void TellMembersHere(SnapshotPlan plan, ISnapshotProtocolMessage message, IActorRef sender, IActorRef? except = null)
    {
        foreach (var member in plan.Layout.LocalMembers)
        {
            if (!member.Equals(except))
                member.Tell(message, sender);
        }
    }

    /// <summary>The snapshot failed: no message makes a participant of this node record for it any more.</summary>
    public void Close(SnapshotKey key) => Ledger.Close(key);

    private void ForgetPastDeadline()
    {
        foreach (var key in _opened.TakePastDeadline(DateTime.UtcNow))
        {
            _plans.TryRemove(key, out _);
            Ledger.Close(key);
            Ledger.Forget(key);
        }
    }
}

internal sealed class NodeStampsProvider : ExtensionIdProvider<NodeStamps>
{
    public override NodeStamps CreateExtension(ExtendedActorSystem system) => new();
}
