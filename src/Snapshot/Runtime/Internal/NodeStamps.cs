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
    // Every snapshot opened or closed here, with its deadline, until it is over: past its deadline, or answered by its
    // coordinator. Then its plan goes, and the ledger closes it (if nobody did: a snapshot whose failure no participant
    // here heard of) and forgets it. Under the lock, with what reads and writes the ledger's open and closed snapshots.
    private readonly Dictionary<SnapshotKey, DateTime> _deadlines = [];
    // Per coordinator, the watermark of its latest plan opened here: every snapshot it numbered below it is over there
    // (SnapshotPlan.SettledBelow). Kept for good, as a participant's FinishedSnapshots keeps its own: a snapshot below it
    // may have a later deadline than any plan seen here, so no deadline says when the watermark is no longer needed.
    private readonly Dictionary<IActorRef, SnapshotId> _coordinators = new(ActorRefComparer.Instance);
    private DateTime _earliestDeadlineUtc = DateTime.MaxValue;
    private readonly Lock _lock = new();

    public NodeLedger<IActorRef, SnapshotKey> Ledger { get; } = new();

    public static NodeStamps Get(ActorSystem system) => system.WithExtension<NodeStamps, NodeStampsProvider>();

    /// <summary>
    /// Opens the snapshot of <paramref name="plan"/> here; false when it already ended here (its initiate or a notice came
    /// late), or is over: past its deadline, or answered by its coordinator.
    /// </summary>
    /// <remarks>
    /// Forgetting a snapshot its coordinator answered, before its deadline, is what keeps this node's tables to the
    /// snapshots in flight under back-to-back snapshots (instead of every one of the last timeout's length: 300,000 at
    /// 10,000 a second with a 30 s timeout). Nothing needs them any more: a snapshot that completed had every part, each
    /// sent after its participant's flush, which came after every notice its node waited for, so no member of any node
    /// still records, notices or looks up its plan; one that failed has had its unfinished participants told to abandon
    /// it. And nothing reopens one: under the lock, a plan at or below its coordinator's watermark is refused, as a past
    /// deadline is.
    /// </remarks>
    public bool Open(SnapshotPlan plan)
    {
        var now = DateTime.UtcNow;
        lock (_lock)
        {
            if (Settle(plan) || now > _earliestDeadlineUtc)
                ForgetOver(now);
            if (now > plan.DeadlineUtc || IsSettled(plan.Key))
                return false;
            if (!Ledger.Open(plan.Key, plan.Layout.Members, plan.Layout.LocalMembers.Count, plan.MaxRecordedPerChannel))
                return false;
            _plans.TryAdd(plan.Key, plan);
            Keep(plan.Key, plan.DeadlineUtc);
            return true;
        }
    }

    /// <summary>
    /// The plan of snapshot <paramref name="key"/>, opened here: kept until it is over, since a participant looks it up
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

    /// <summary>The sizes of what it keeps per snapshot opened here, and its ledger's.</summary>
    public IEnumerable<TableSize> TableSizes()
    {
        lock (_lock)
            return [new("node.stamped-plans", _plans.Count), new("node.stamped-deadlines", _deadlines.Count), new("node.stamped-coordinators", _coordinators.Count), .. Ledger.TableSizes()];
    }

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
    /// <param name="deadlineUtc">Its deadline: its closing is remembered until then, or until its coordinator's watermark passes it.</param>
    public void Close(SnapshotKey key, DateTime deadlineUtc)
    {
        lock (_lock)
        {
            // Answered by its coordinator: forgotten already, or when the watermark is next raised here; a close now
            // would be remembered for nothing.
            if (IsSettled(key))
                return;
            Ledger.Close(key);
            Keep(key, deadlineUtc);
        }
    }

    private void Keep(SnapshotKey key, DateTime deadlineUtc)
    {
        if (_deadlines.TryAdd(key, deadlineUtc) && deadlineUtc < _earliestDeadlineUtc)
            _earliestDeadlineUtc = deadlineUtc;
    }

    /// <summary>Takes in the watermark of <paramref name="plan"/>'s coordinator; true when it rose.</summary>
    private bool Settle(SnapshotPlan plan)
    {
        if (_coordinators.TryGetValue(plan.Coordinator, out var below) && below.Value >= plan.SettledBelow.Value)
            return false;
        _coordinators[plan.Coordinator] = plan.SettledBelow;
        return true;
    }

    private bool IsSettled(SnapshotKey key) => _coordinators.TryGetValue(key.Coordinator, out var below) && key.Id.Value < below.Value;

    /// <summary>Forgets every snapshot past its deadline or answered by its coordinator.</summary>
    private void ForgetOver(DateTime now)
    {
        _earliestDeadlineUtc = DateTime.MaxValue;
        foreach (var (key, deadlineUtc) in _deadlines.ToArray())
        {
            if (deadlineUtc < now || IsSettled(key))
            {
                _deadlines.Remove(key);
                _plans.TryRemove(key, out _);
                Ledger.Close(key);
                Ledger.Forget(key);
            }
            else if (deadlineUtc < _earliestDeadlineUtc)
                _earliestDeadlineUtc = deadlineUtc;
        }
    }
}

internal sealed class NodeStampsProvider : ExtensionIdProvider<NodeStamps>
{
    public override NodeStamps CreateExtension(ExtendedActorSystem system) => new();
}
