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
    // Snapshots flushed or closed here, by deadline: the ledger forgets them once nothing for them can arrive.
    private readonly ConcurrentQueue<(SnapshotKey Key, DateTime DeadlineUtc)> _ended = new();

    public NodeLedger<IActorRef, SnapshotKey> Ledger { get; } = new();

    public static NodeStamps Get(ActorSystem system) => system.WithExtension<NodeStamps, NodeStampsProvider>();

    /// <summary>Opens the snapshot of <paramref name="plan"/> here; false when it already ended here (its initiate or a notice came late).</summary>
    public bool Open(SnapshotPlan plan)
    {
        ForgetEnded();
        if (DateTime.UtcNow > plan.DeadlineUtc)
            return false;
        _plans.TryAdd(plan.Key, plan);
        if (Ledger.Open(plan.Key, plan.Layout.Members, plan.Layout.LocalMembers.Count))
            return true;
        _plans.TryRemove(plan.Key, out _);
        return false;
    }

    /// <summary>The plan of open snapshot <paramref name="key"/>; null once it ended here.</summary>
    public SnapshotPlan? PlanOf(SnapshotKey key) => _plans.GetValueOrDefault(key);

    /// <summary>The snapshot was flushed here: every participant of this node recorded for it.</summary>
    public void Flushed(SnapshotPlan plan) => Ended(plan);

    /// <summary>The snapshot failed: no message makes a participant of this node record for it any more.</summary>
    public void Close(SnapshotKey key, DateTime deadlineUtc)
    {
        Ledger.Close(key);
        if (_plans.TryRemove(key, out _))
            _ended.Enqueue((key, deadlineUtc));
    }

    private void Ended(SnapshotPlan plan)
    {
        if (_plans.TryRemove(plan.Key, out _))
            _ended.Enqueue((plan.Key, plan.DeadlineUtc));
    }

    private void ForgetEnded()
    {
        var now = DateTime.UtcNow;
        while (_ended.TryPeek(out var oldest) && oldest.DeadlineUtc < now && _ended.TryDequeue(out oldest))
            Ledger.Forget(oldest.Key);
    }
}

internal sealed class NodeStampsProvider : ExtensionIdProvider<NodeStamps>
{
    public override NodeStamps CreateExtension(ExtendedActorSystem system) => new();
}
