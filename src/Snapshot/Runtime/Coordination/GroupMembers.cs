using Akka.Actor;
using Snapshot.Algorithm;
using Snapshot.Runtime.Internal;

namespace Snapshot.Runtime.Coordination;

/// <summary>The registered participants of one group, in registration order, with their declared channels.</summary>
internal sealed class GroupMembers
{
    // Registration order. A removed participant leaves it only at the next compaction: removing thousands of
    // participants one by one (a node shutting down) must not cost a list scan each.
    private readonly List<IActorRef> _order = [];
    private readonly HashSet<IActorRef> _removedFromOrder = new(ActorRefComparer.Instance);
    private readonly Dictionary<IActorRef, Guid> _incarnations = new(ActorRefComparer.Instance);
    private readonly Dictionary<IActorRef, IReadOnlyCollection<IActorRef>> _declared = new(ActorRefComparer.Instance);
    private readonly HashSet<IActorRef> _stamped = new(ActorRefComparer.Instance);
    private IReadOnlyList<GroupMember>? _asGroupMembers;

    public int Count => _incarnations.Count;

    /// <summary>New whenever the members or their channels change: another node that holds this version of the list need not get it again.</summary>
    public Guid Version { get; private set; } = Guid.NewGuid();

    /// <summary>The members with their declared channels, rebuilt only after a change: every snapshot asks for them.</summary>
    public IReadOnlyList<GroupMember> AsGroupMembers
    {
        get
        {
            if (_asGroupMembers is null)
            {
                Compact();
                _asGroupMembers = [.. _order.Select(m => new GroupMember(m, _declared.GetValueOrDefault(m), _incarnations[m], _stamped.Contains(m)))];
            }
            return _asGroupMembers;
        }
    }

    /// <summary>The sizes of what it keeps per member, and the removed members still in the registration order.</summary>
    public IEnumerable<TableSize> TableSizes() =>
    [
        new("group.members", _incarnations.Count),
        new("group.order", _order.Count),
        new("group.removed-from-order", _removedFromOrder.Count),
        new("group.declared", _declared.Count),
        new("group.stamped", _stamped.Count),
    ];

    /// <summary>Adds or updates a participant.</summary>
    /// <returns>True when this is a new instance of a participant already registered: it restarted.</returns>
    public bool Register(IActorRef participant, Guid incarnation, IReadOnlyCollection<IActorRef>? declaredOutgoing, bool stamped = false)
    {
        Changed();
        var restarted = _incarnations.TryGetValue(participant, out var known) && known != incarnation;
        if (!_incarnations.ContainsKey(participant))
        {
            // Back after a removal not yet compacted away: it joins at the end, once.
            if (_removedFromOrder.Contains(participant))
                Compact();
            _order.Add(participant);
        }
        _incarnations[participant] = incarnation;
        if (declaredOutgoing is null)
            _declared.Remove(participant);
        else
            _declared[participant] = declaredOutgoing;
        if (stamped)
            _stamped.Add(participant);
        else
            _stamped.Remove(participant);
        return restarted;
    }

    public bool Remove(IActorRef participant)
    {
        if (!_incarnations.Remove(participant))
            return false;
        Changed();
        _declared.Remove(participant);
        _stamped.Remove(participant);
        _removedFromOrder.Add(participant);
        return true;
    }

    private void Changed()
    {
        _asGroupMembers = null;
        Version = Guid.NewGuid();
    }

    private void Compact()
    {
        if (_removedFromOrder.Count == 0)
            return;
        _order.RemoveAll(_removedFromOrder.Contains);
        _removedFromOrder.Clear();
    }
}
