using Akka.Actor;

namespace Snapshot.Runtime.Internal;

/// <summary>
/// Hands a <see cref="NodeMarker"/> from a participant on another node to each participant of this node that the
/// sender has a channel to, as a <see cref="Marker"/> from that sender: a participant sends one message per node,
/// instead of one per remote channel.
/// <para>
/// Why each receiver still gets its marker in its FIFO place: a participant <c>p</c> on node A reaches every actor
/// of node B through the one association from A to B, and B's endpoint reader, an actor, takes the messages off it
/// one by one, in the order A sent them, and hands each to its recipient by calling <c>Tell</c> on it. This is not
/// an actor but a ref whose <c>Tell</c> does its work before returning, so the reader's call puts the marker in
/// the mailbox of every receiver <c>q</c> of <c>p</c> on B before the reader hands on the next message from A. What
/// <c>p</c> told <c>q</c> before it recorded is in <c>q</c>'s mailbox already, what it told afterwards comes later:
/// the marker lands on channel <c>p → q</c> exactly where a marker <c>p</c> sent to <c>q</c> itself would have.
/// </para>
/// <para>
/// For a stamped layout it does the same for the record notices of another node's members (<see cref="RecordNotices"/>):
/// the node's clock ticks for each at that exact point of the stream from their node, behind every message the member told
/// this node before recording, ahead of every one it told after (see <see cref="Snapshot.Algorithm.NodeLedger{TPeer,TSnapshot}"/>
/// and <see cref="Snapshot.Algorithm.NoticeOutbox{TPeer,TSnapshot}"/>); and it hands a coordinator's <see cref="NodeInitiate"/>
/// to every member of this node.
/// </para>
/// </summary>
internal sealed class MarkerFanOut(IActorRefProvider provider, IgnoredMessages ignored, NodeStamps stamps) : MinimalActorRef
{
    /// <summary>Its name under <c>/temp</c>, the same on every node, so that participants elsewhere find it by address.</summary>
    public const string Name = "global-snapshot-markers";

    public override ActorPath Path { get; } = provider.TempContainer.Path / Name;

    public override IActorRefProvider Provider { get; } = provider;

    /// <summary>The fan-out of the node at <paramref name="node"/>, as this node reaches it.</summary>
    public static IActorRef At(IActorRefProvider provider, Address node) => provider.ResolveActorRef(new RootActorPath(node) / "temp" / Name);

    protected override void TellInternal(object message, IActorRef sender)
    {
        var plan = message switch
        {
            NodeMarker marker => marker.Plan,
            RecordNotices notices => notices.Plan,
            NodeInitiate initiate => initiate.Plan,
            _ => null,
        };
        if (plan is null || sender is null || sender.IsNobody())
        {
            ignored.Count(plan is null ? IgnoredMessageReason.Unexpected : IgnoredMessageReason.NoSender);
            return;
        }
        if (!plan.Layout.IsKnown)
        {
            // The coordinator shares a layout with every node before its snapshot starts: this one is over or forged.
            ignored.Count(IgnoredMessageReason.UnknownLayout);
            if (DateTime.UtcNow <= plan.DeadlineUtc)
                plan.Coordinator.Tell(new PartFailed(plan.Id, sender, SnapshotFailureReason.LayoutUnknown,
                    $"{Path.Address} got markers from {sender.Path} naming a layout of its members that it does not hold"), sender);
            return;
        }
        if (message is RecordNotices recordNotices)
        {
            Noticed(plan, recordNotices.Positions, sender);
            return;
        }
        if (message is NodeInitiate)
        {
            InitiateMembers(plan, sender);
            return;
        }
        var receivers = plan.Layout.LocalReceiversOf(sender);
        if (receivers.Count == 0)
        {
            ignored.Count(IgnoredMessageReason.NotAMember);
            return;
        }
        for (var i = 0; i < receivers.Count; i++)
            receivers[i].Tell(plan.Marker, sender);
    }

    /// <summary>The members at <paramref name="positions"/>, on the node of <paramref name="sender"/>, recorded.</summary>
    private void Noticed(SnapshotPlan plan, IReadOnlyList<int> positions, IActorRef sender)
    {
        var members = plan.Layout.Members;
        var node = sender.Path.Address;
        // Another node sends only its own members' notices: any other position is forged or from a layout this one is not.
        if (!positions.All(p => p >= 0 && p < members.Count && members[p].Path.Address is { HasGlobalScope: true } at && at == node))
        {
            ignored.Count(IgnoredMessageReason.NotAMember);
            return;
        }
        if (!stamps.Open(plan))
            return;
        var last = false;
        foreach (var position in positions)
            last |= stamps.Ledger.Noticed(plan.Key, members[position]);
        if (!last)
            return;
        stamps.SendNotices(Provider);
        NodeStamps.TellMembersHere(plan, new Flush(plan), sender);
    }

    private void InitiateMembers(SnapshotPlan plan, IActorRef coordinator)
    {
        if (!stamps.Open(plan))
            return;
        NodeStamps.TellMembersHere(plan, new Initiate(plan), coordinator);
    }
}
