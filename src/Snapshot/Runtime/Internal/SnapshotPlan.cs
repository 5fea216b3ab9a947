using System.Diagnostics;
using Akka.Actor;
using Snapshot.Algorithm;

namespace Snapshot.Runtime.Internal;

/// <summary>
/// Everything a participant needs to take part in one snapshot, fixed when the snapshot starts: its
/// members and channels (its <see cref="ChannelLayout"/>), its coordinator, its limits. Markers carry it, so a
/// participant reached by a marker before anything else knows its channels; inside one ActorSystem it is one shared object.
/// </summary>
/// <param name="settledBelow">
/// Every snapshot this coordinator started with a smaller id is over there (answered, completed or failed), so a
/// participant can forget those ids at once instead of holding them until their deadlines.
/// </param>
internal sealed class SnapshotPlan(SnapshotId id, string group, IActorRef coordinator, ChannelLayout layout, int maxRecordedPerChannel, DateTime deadlineUtc,
    SnapshotId settledBelow, ActivityContext trace = default)
{
    // Made on first use by whichever participant records first; a second thread racing it makes an equal one.
    private Marker? _marker;
    private NodeMarker? _nodeMarker;

    public SnapshotId Id { get; } = id;

    public SnapshotKey Key => new(Coordinator, Id);

    public string Group { get; } = group;

    public IActorRef Coordinator { get; } = coordinator;

    public ChannelLayout Layout { get; } = layout;

    public IReadOnlyList<IActorRef> Members => Layout.Members.Peers;

    public int MaxRecordedPerChannel { get; } = maxRecordedPerChannel;

    /// <summary>When the coordinator gives up on it: a marker arriving later must not start a recording nobody will collect.</summary>
    public DateTime DeadlineUtc { get; } = deadlineUtc;

    public SnapshotId SettledBelow { get; } = settledBelow;

    /// <summary>The coordinator's span of this snapshot, parent of the participants' spans; empty when nobody traces it.</summary>
    public ActivityContext Trace { get; } = trace;

    /// <summary>The marker every participant sends its receivers on its own node: the sender tells it apart, so one object serves them all.</summary>
    public Marker Marker => _marker ??= new Marker(this);

    /// <summary>The marker every participant sends to the fan-out of each other node with receivers: one object for them all.</summary>
    public NodeMarker NodeMarker => _nodeMarker ??= new NodeMarker(this);

    public bool IsMember(IActorRef actor) => Layout.Members.Contains(actor);

    public IReadOnlyList<IActorRef> OutgoingOf(IActorRef member) => Layout.OutgoingOf(member);

    public IReadOnlyList<IActorRef> IncomingOf(IActorRef member) => Layout.IncomingOf(member);
}
