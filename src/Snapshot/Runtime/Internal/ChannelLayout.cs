using System.Collections.Concurrent;
using Akka.Actor;
using Snapshot.Algorithm;

namespace Snapshot.Runtime.Internal;

/// <summary>
/// The members of a group and who tells whom, as a snapshot plan fixes them. The coordinator keeps one per
/// group while its membership stays the same, so that snapshot after snapshot neither it nor the participants
/// rebuild what they derive from it; <see cref="Id"/> tells a participant it has seen this layout before.
/// </summary>
internal sealed class ChannelLayout
{
    private readonly IReadOnlyCollection<IActorRef>?[] _declared;
    private readonly Guid[] _incarnations;
    private readonly IActorRef[][]? _outgoing;
    private readonly IActorRef[][]? _incoming;

    // The list it was built from: a node's coordinator hands out the same list until its members change.
    private IReadOnlyList<GroupMember>? _source;

    // What LocalReceiversOf found, made on first use by whichever thread asks (the node's endpoint readers): for
    // every sender alike when nobody declared channels, by sender's position otherwise.
    private IActorRef[]? _localMembers;
    private ConcurrentDictionary<int, IActorRef[]>? _localReceivers;

    // When nobody declared channels every member has the same channels and the same route: made once, on first use.
    private ProcessChannels<IActorRef>? _allChannels;
    private MarkerRoute? _allRoute;

    /// <param name="id">Unique to this membership and these channels.</param>
    /// <param name="members">The members, in the order the snapshot lists them.</param>
    /// <param name="declaredOutgoing">Per member, the members it sends to; a member absent from it sends to every member.</param>
    /// <param name="incarnations">Per member, in member order, the actor instance that registered; empty (or none) when unknown.</param>
    /// <param name="stamped">Every member's mailbox stamps its messages and nobody declared channels: snapshots use the stamped protocol.</param>
    /// <exception cref="ArgumentException">A member is listed twice, the incarnations do not match the members, or a layout with declared channels is said to be stamped.</exception>
    public ChannelLayout(Guid id, IEnumerable<IActorRef> members, IReadOnlyDictionary<IActorRef, IReadOnlyCollection<IActorRef>> declaredOutgoing,
        IReadOnlyList<Guid>? incarnations = null, bool stamped = false)
    {
        Id = id;
        if (stamped && declaredOutgoing.Count > 0)
            throw new ArgumentException("a layout with declared channels is snapshotted with markers, not stamps", nameof(stamped));
        IsStamped = stamped;
        Members = new PeerIndex<IActorRef>(members, ActorRefComparer.Instance, nameof(members));
        _incarnations = incarnations is null ? new Guid[Members.Count] : [.. incarnations];
        if (_incarnations.Length != Members.Count)
            throw new ArgumentException($"{_incarnations.Length} incarnations for {Members.Count} members", nameof(incarnations));
        _declared = [.. Members.Peers.Select(m => declaredOutgoing.GetValueOrDefault(m))];
        if (declaredOutgoing.Count == 0)
            return;
        _outgoing = [.. Members.Peers.Select((member, i) => _declared[i] is { } to ? DeclaredChannels(member, to) : [.. Members.Peers])];
        var incoming = Members.Peers.Select(_ => new List<IActorRef>()).ToArray();
        for (var from = 0; from < _outgoing.Length; from++)
        {
            foreach (var to in _outgoing[from])
                incoming[Members.IndexOf(to)].Add(Members[from]);
        }
        _incoming = [.. incoming.Select(list => list.ToArray())];
    }

    public Guid Id { get; }

    /// <summary>False for the stand-in of a layout this node was never given (see <see cref="Unknown"/>).</summary>
    public bool IsKnown { get; private init; } = true;

    public PeerIndex<IActorRef> Members { get; }

    /// <summary>False when every member sends to every member.</summary>
    public bool HasDeclaredChannels => _outgoing is not null;

    /// <summary>
    /// True when nobody declared channels and every member's mailbox stamps its messages: its snapshots then need no marker
    /// per channel (the stamped protocol, <see cref="Snapshot.Algorithm.StampedProcess{TPeer,TMessage,TSnapshot}"/>). Otherwise
    /// a marker travels on every channel.
    /// </summary>
    public bool IsStamped { get; }

    public static ChannelLayout Of(IReadOnlyList<GroupMember> members) =>
        new(Guid.NewGuid(), members.Select(m => m.Participant),
            members.Where(m => m.DeclaredOutgoing is not null).ToDictionary(m => m.Participant, m => m.DeclaredOutgoing!, ActorRefComparer.Instance),
            [.. members.Select(m => m.Incarnation)],
            stamped: members.All(m => m.Stamped && m.DeclaredOutgoing is null))
        {
            _source = members,
        };

    /// <summary>
    /// Stands for the layout <paramref name="id"/> in a marker or initiate that reached a node which does not know it:
    /// it has no members, so nobody takes part through it.
    /// </summary>
    public static ChannelLayout Unknown(Guid id) => new(id, [], new Dictionary<IActorRef, IReadOnlyCollection<IActorRef>>()) { IsKnown = false };

    /// <summary>Each member's actor instance when the layout was made, in member order: empty where unknown.</summary>
    public IReadOnlyList<Guid> Incarnations => _incarnations;

    /// <summary>
    /// The instance of <paramref name="member"/> the layout was made with; empty when unknown or not a member. A
    /// participant restarted since must not take part in a snapshot of this layout: whatever its predecessor
    /// recorded for it is lost.
    /// </summary>
    public Guid IncarnationOf(IActorRef member) => Members.IndexOf(member) is var i and >= 0 ? _incarnations[i] : Guid.Empty;

    /// <summary>The members <paramref name="member"/> sends to, itself included; none when it is not a member.</summary>
    public IReadOnlyList<IActorRef> OutgoingOf(IActorRef member) => ChannelsOf(member, _outgoing);

    /// <summary>The members that send to <paramref name="member"/>, itself included; none when it is not a member.</summary>
    public IReadOnlyList<IActorRef> IncomingOf(IActorRef member) => ChannelsOf(member, _incoming);

    /// <summary>
    /// The channels of <paramref name="member"/> as its process sees them. When nobody declared channels they are the
    /// same for every member, so the members of a node share one instance instead of each indexing the whole group.
    /// </summary>
    public ProcessChannels<IActorRef> ProcessChannelsOf(IActorRef member) => _outgoing is null
        ? LazyInitializer.EnsureInitialized(ref _allChannels, () => new ProcessChannels<IActorRef>(Members, Members))
        : new ProcessChannels<IActorRef>(IncomingOf(member), OutgoingOf(member), ActorRefComparer.Instance);

    /// <summary>How the markers of <paramref name="member"/> reach its receivers; shared by every member when nobody declared channels.</summary>
    public MarkerRoute RouteOf(IActorRef member, IActorRefProvider provider) => _outgoing is null
        ? LazyInitializer.EnsureInitialized(ref _allRoute, () => new MarkerRoute(Members.Peers, provider))
        : new MarkerRoute(OutgoingOf(member), provider);

    /// <summary>The members of this node: refs without a remote address.</summary>
    public IReadOnlyList<IActorRef> LocalMembers => _localMembers ??= Local(Members.Peers);

    /// <summary>
    /// The members of this node (refs without a remote address) that <paramref name="sender"/> sends to; none when
    /// it is not a member. Safe to call from several threads at once.
    /// </summary>
    public IReadOnlyList<IActorRef> LocalReceiversOf(IActorRef sender)
    {
        var position = Members.IndexOf(sender);
        if (position < 0)
            return [];
        if (_outgoing is null)
            return LocalMembers;
        return LazyInitializer.EnsureInitialized(ref _localReceivers).GetOrAdd(position, i => Local(_outgoing[i]));
    }

    private static IActorRef[] Local(IEnumerable<IActorRef> actors) => [.. actors.Where(a => !a.Path.Address.HasGlobalScope)];

    /// <summary>True when <paramref name="members"/> are this layout's members, in the same order, declaring the same channels.</summary>
    public bool Matches(IReadOnlyList<GroupMember> members)
    {
        if (ReferenceEquals(members, _source))
            return true;
        if (members.Count != Members.Count || IsStamped != members.All(m => m.Stamped && m.DeclaredOutgoing is null))
            return false;
        for (var i = 0; i < members.Count; i++)
        {
            if (!ActorRefComparer.Instance.Equals(members[i].Participant, Members[i]) || members[i].Incarnation != _incarnations[i]
                || !SameChannels(members[i].DeclaredOutgoing, _declared[i]))
                return false;
        }
        return true;
    }

    private IReadOnlyList<IActorRef> ChannelsOf(IActorRef member, IActorRef[][]? channels) =>
        Members.IndexOf(member) is var i and >= 0 ? channels?[i] ?? Members.Peers : [];

    private static bool SameChannels(IReadOnlyCollection<IActorRef>? declared, IReadOnlyCollection<IActorRef>? known) =>
        ReferenceEquals(declared, known) || (declared is not null && known is not null && declared.SequenceEqual(known, ActorRefComparer.Instance));

    /// <summary>The members <paramref name="member"/> declared, once each, and itself.</summary>
    private IActorRef[] DeclaredChannels(IActorRef member, IReadOnlyCollection<IActorRef> declared)
    {
        // Every participant keeps a channel to itself: a self-tell in flight must not vanish from the cut.
        var channels = new HashSet<IActorRef>(declared.Count + 1, ActorRefComparer.Instance);
        return [.. declared.Append(member).Where(to => Members.Contains(to) && channels.Add(to))];
    }
}
