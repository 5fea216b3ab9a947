namespace Snapshot.Algorithm;

/// <summary>
/// Gathers the local parts of one snapshot, one per participant, and builds the <see cref="GlobalCut{TPeer,TState,TMessage}"/>
/// once every participant has reported. The participant set is fixed when the snapshot starts.
/// </summary>
public sealed class CutAssembly<TPeer, TState, TMessage>
    where TPeer : notnull
{
    private readonly TPeer[] _participants;
    private readonly HashSet<TPeer> _participantSet;
    private readonly Dictionary<TPeer, ProcessCut<TPeer, TState, TMessage>> _parts;
    private readonly Dictionary<TPeer, IReadOnlyList<TPeer>> _incoming;

    public CutAssembly(SnapshotId id, IEnumerable<TPeer> participants, IEqualityComparer<TPeer>? comparer = null)
    {
        Id = id;
        _participants = participants.ToArray();
        _parts = new Dictionary<TPeer, ProcessCut<TPeer, TState, TMessage>>(comparer);
        _incoming = new Dictionary<TPeer, IReadOnlyList<TPeer>>(comparer);
        _participantSet = new HashSet<TPeer>(_participants, comparer);
        if (_participantSet.Count != _participants.Length)
            throw new ArgumentException("a participant is listed twice", nameof(participants));
    }

    public SnapshotId Id { get; }

    public bool IsComplete => _parts.Count == _participants.Length;

    /// <summary>Participants that have not reported yet, in participant order.</summary>
    public IReadOnlyList<TPeer> Missing => [.. _participants.Where(p => !_parts.ContainsKey(p))];

    /// <summary>Adds one participant's finished part with the state it captured when it recorded.</summary>
    /// <returns>True when this was the last part missing.</returns>
    public bool Add(TState state, LocalSnapshot<TPeer, TMessage> part)
    {
        if (part.Id != Id)
            throw Unexpected($"part for snapshot {part.Id} offered to snapshot {Id}");
        if (!_participantSet.Contains(part.Process))
            throw Unexpected($"{part.Process} is not a participant of snapshot {Id}");
        var incoming = part.Recorded.Count == 0 ? [] : new HashSet<TPeer>(part.IncomingChannels, _parts.Comparer);
        foreach (var stranger in part.Recorded.Where(m => !incoming.Contains(m.From)).Take(1))
            throw Unexpected($"{part.Process} recorded a message from {stranger.From}, which is not one of its incoming channels");
        if (!_parts.TryAdd(part.Process, new ProcessCut<TPeer, TState, TMessage>(part.Process, state, part.Recorded)))
            throw Unexpected($"{part.Process} reported twice for snapshot {Id}");
        _incoming.Add(part.Process, part.IncomingChannels);
        return IsComplete;
    }

    /// <summary>The global snapshot, with processes in participant order and channels grouped by receiver.</summary>
    public GlobalCut<TPeer, TState, TMessage> Build()
    {
        if (!IsComplete)
            throw new InvalidOperationException($"snapshot {Id} still misses parts from {string.Join(", ", Missing)}");
        var processes = _participants.Select(p => _parts[p]).ToArray();
        var channels = processes.SelectMany(ChannelsInto).ToArray();
        return new GlobalCut<TPeer, TState, TMessage>(Id, processes, channels);
    }

    private IEnumerable<ChannelCut<TPeer, TMessage>> ChannelsInto(ProcessCut<TPeer, TState, TMessage> receiver)
    {
        var bySender = receiver.Received.ToLookup(m => m.From, m => m.Message, _parts.Comparer);
        return _incoming[receiver.Process].Select(from => new ChannelCut<TPeer, TMessage>(from, receiver.Process, [.. bySender[from]]));
    }

    private SnapshotProtocolException Unexpected(string message) => new(ProtocolViolation.UnexpectedPart, Id, message);
}
