using Akka.Actor;
using Snapshot.Algorithm;

namespace Snapshot.Runtime.Internal;

/// <summary>
/// Everything a participant needs to take part in one snapshot, fixed when the snapshot starts: its
/// members and channels, its coordinator, its limits. Markers carry it, so a participant reached by a
/// marker before anything else knows its channels; inside one ActorSystem it is one shared object.
/// </summary>
internal sealed class SnapshotPlan
{
    private readonly HashSet<IActorRef> _members;
    private readonly IReadOnlyDictionary<IActorRef, IActorRef[]>? _outgoing;
    private readonly IReadOnlyDictionary<IActorRef, IActorRef[]>? _incoming;

    /// <param name="declaredOutgoing">Per member, the members it sends to; a member absent from it sends to every member.</param>
    public SnapshotPlan(SnapshotId id, string group, IActorRef coordinator, IActorRef[] members,
        IReadOnlyDictionary<IActorRef, IReadOnlyCollection<IActorRef>> declaredOutgoing, int maxRecordedPerChannel, DateTime deadlineUtc)
    {
        Id = id;
        DeadlineUtc = deadlineUtc;
        Group = group;
        Coordinator = coordinator;
        Members = members;
        MaxRecordedPerChannel = maxRecordedPerChannel;
        _members = [.. members];
        if (declaredOutgoing.Count == 0)
            return;
        // Every participant keeps a channel to itself: a self-tell in flight must not vanish from the cut.
        _outgoing = members.ToDictionary(m => m, m => declaredOutgoing.TryGetValue(m, out var to)
            ? to.Where(_members.Contains).Append(m).Distinct().ToArray()
            : members);
        var incoming = members.ToDictionary(m => m, _ => new List<IActorRef>());
        foreach (var (from, outgoing) in _outgoing)
        {
            foreach (var to in outgoing)
                incoming[to].Add(from);
        }
        _incoming = incoming.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray());
    }

    public SnapshotId Id { get; }

    public SnapshotKey Key => new(Coordinator, Id);

    public string Group { get; }

    public IActorRef Coordinator { get; }

    public IReadOnlyList<IActorRef> Members { get; }

    public int MaxRecordedPerChannel { get; }

    /// <summary>When the coordinator gives up on it: a marker arriving later must not start a recording nobody will collect.</summary>
    public DateTime DeadlineUtc { get; }

    public bool IsMember(IActorRef actor) => _members.Contains(actor);

    public IReadOnlyList<IActorRef> OutgoingOf(IActorRef member) => _outgoing?[member] ?? Members;

    public IReadOnlyList<IActorRef> IncomingOf(IActorRef member) => _incoming?[member] ?? Members;
}
