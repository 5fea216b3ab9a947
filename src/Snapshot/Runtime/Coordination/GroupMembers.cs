using Akka.Actor;
using Snapshot.Runtime.Internal;

namespace Snapshot.Runtime.Coordination;

/// <summary>The registered participants of one group, in registration order, with their declared channels.</summary>
internal sealed class GroupMembers
{
    private readonly List<IActorRef> _order = [];
    private readonly Dictionary<IActorRef, Guid> _incarnations = new(ActorRefComparer.Instance);
    private readonly Dictionary<IActorRef, IReadOnlyCollection<IActorRef>> _declared = new(ActorRefComparer.Instance);
    private IReadOnlyList<GroupMember>? _asGroupMembers;

    public IReadOnlyList<IActorRef> Members => _order;

    public IReadOnlyDictionary<IActorRef, IReadOnlyCollection<IActorRef>> DeclaredOutgoing => _declared;

    /// <summary>The members with their declared channels, rebuilt only after a change: every snapshot asks for them.</summary>
    public IReadOnlyList<GroupMember> AsGroupMembers => _asGroupMembers ??= [.. _order.Select(m => new GroupMember(m, _declared.GetValueOrDefault(m), _incarnations[m]))];

    /// <summary>Adds or updates a participant.</summary>
    /// <returns>True when this is a new instance of a participant already registered: it restarted.</returns>
    public bool Register(IActorRef participant, Guid incarnation, IReadOnlyCollection<IActorRef>? declaredOutgoing)
    {
        _asGroupMembers = null;
        var restarted = _incarnations.TryGetValue(participant, out var known) && known != incarnation;
        if (!_incarnations.ContainsKey(participant))
            _order.Add(participant);
        _incarnations[participant] = incarnation;
        if (declaredOutgoing is null)
            _declared.Remove(participant);
        else
            _declared[participant] = declaredOutgoing;
        return restarted;
    }

    public bool Remove(IActorRef participant)
    {
        _asGroupMembers = null;
        _declared.Remove(participant);
        return _incarnations.Remove(participant) && _order.Remove(participant);
    }
}
