namespace Snapshot.Algorithm;

/// <summary>
/// Gathers the local parts of one snapshot, one per participant, and builds the <see cref="GlobalCut{TPeer,TState,TMessage}"/>
/// once every participant has reported. The participant set is fixed when the snapshot starts.
/// Only channels that recorded messages become objects: an empty channel is counted, never built.
/// </summary>
public sealed class CutAssembly<TPeer, TState, TMessage>
    where TPeer : notnull
{
    private readonly PeerIndex<TPeer> _participants;
    // By participant position: what each part brought, kept as it came (no object per part is made until the cut is
    // built), its messages null until it reports.
    private readonly TState[] _states;
    private readonly IReadOnlyList<RecordedMessage<TPeer, TMessage>>?[] _received;
    private readonly ILookup<TPeer, TMessage>?[] _bySender;
    private int _reported;
    private long _channelCount;

    /// <exception cref="ArgumentException">A participant is listed twice.</exception>
    public CutAssembly(SnapshotId id, IEnumerable<TPeer> participants, IEqualityComparer<TPeer>? comparer = null)
        : this(id, new PeerIndex<TPeer>(participants, comparer, nameof(participants)))
    {
    }

    /// <param name="id">The snapshot.</param>
    /// <param name="participants">Its participants, possibly shared with other snapshots of the same group.</param>
    public CutAssembly(SnapshotId id, PeerIndex<TPeer> participants)
    {
        Id = id;
        _participants = participants;
        _states = new TState[participants.Count];
        _received = new IReadOnlyList<RecordedMessage<TPeer, TMessage>>?[participants.Count];
        _bySender = new ILookup<TPeer, TMessage>?[participants.Count];
    }

    public SnapshotId Id { get; }

    public bool IsComplete => _reported == _received.Length;

    /// <summary>Every participant, in participant order.</summary>
    public IReadOnlyList<TPeer> Participants => _participants.Peers;

    /// <summary>Participants that have not reported yet, in participant order.</summary>
    public IReadOnlyList<TPeer> Missing => [.. _participants.Peers.Where((_, i) => _received[i] is null)];

    /// <summary>True when <paramref name="peer"/> is a participant that has not reported yet.</summary>
    public bool IsMissing(TPeer peer) => _participants.IndexOf(peer) is var position && position >= 0 && _received[position] is null;

    /// <summary>True when <paramref name="peer"/> is a participant.</summary>
    public bool IsParticipant(TPeer peer) => _participants.Contains(peer);

    /// <summary>Every channel the cut covers, empty ones included: the incoming channels of every participant.</summary>
    public long ChannelCount
    {
        get
        {
            RequireComplete();
            return _channelCount;
        }
    }

    /// <summary>Adds one participant's finished part with the state it captured when it recorded.</summary>
    /// <returns>True when this was the last part missing.</returns>
    public bool Add(TState state, LocalSnapshot<TPeer, TMessage> part)
    {
        if (part.Id != Id)
            throw Unexpected($"part for snapshot {part.Id} offered to snapshot {Id}");
        var position = _participants.IndexOf(part.Process);
        if (position < 0)
            throw Unexpected($"{part.Process} is not a participant of snapshot {Id}");
        if (_received[position] is not null)
            throw Unexpected($"{part.Process} reported twice for snapshot {Id}");
        // Most parts of most snapshots recorded nothing: those skip the grouping by channel.
        var bySender = part.Recorded.Count == 0 ? null : BySender(part);
        _states[position] = state;
        _received[position] = part.Recorded;
        _channelCount += part.IncomingChannels.Count;
        _bySender[position] = bySender;
        _reported++;
        return IsComplete;
    }

    /// <summary>The global snapshot, with processes in participant order and the channels that held messages grouped by receiver.</summary>
    public GlobalCut<TPeer, TState, TMessage> Build() =>
        new(Id, Processes(), Channels((from, to, messages) => new ChannelCut<TPeer, TMessage>(from, to, messages)), ChannelCount);

    /// <summary>Every process's part, in participant order.</summary>
    public IReadOnlyList<ProcessCut<TPeer, TState, TMessage>> Processes() =>
        Processes((process, state, received) => new ProcessCut<TPeer, TState, TMessage>(process, state, received));

    /// <summary>
    /// Every process's part, in participant order, each made by <paramref name="process"/> from the process, the state it
    /// recorded and the messages it recorded on its incoming channels: a driver builds its own type without an intermediate one.
    /// </summary>
    public IReadOnlyList<TProcess> Processes<TProcess>(Func<TPeer, TState, IReadOnlyList<RecordedMessage<TPeer, TMessage>>, TProcess> process)
    {
        RequireComplete();
        var processes = new TProcess[_received.Length];
        for (var i = 0; i < processes.Length; i++)
            processes[i] = process(_participants[i], _states[i], _received[i]!);
        return processes;
    }

    /// <summary>
    /// The channels that held at least one message, grouped by receiver (in participant order) and each receiver's by
    /// sender (in participant order), each made by <paramref name="channel"/> from its sender, its receiver and its
    /// messages in flight: a driver builds its own channel type without an intermediate one. A channel that held
    /// nothing is not listed; <see cref="ChannelCount"/> counts it.
    /// </summary>
    public IReadOnlyList<TChannel> Channels<TChannel>(Func<TPeer, TPeer, IReadOnlyList<TMessage>, TChannel> channel)
    {
        RequireComplete();
        var channels = new List<TChannel>(_bySender.Sum(bySender => bySender?.Count ?? 0));
        for (var i = 0; i < _bySender.Length; i++)
        {
            // A plain local, not a pattern: the mutation test cannot compile its mutants of a pattern here.
            var bySender = _bySender[i];
            if (bySender is null)
                continue;
            var receiver = _participants[i];
            foreach (var sender in bySender.OrderBy(s => _participants.IndexOf(s.Key)))
                channels.Add(channel(sender.Key, receiver, [.. sender]));
        }
        return channels;
    }

    /// <summary>The messages of <paramref name="part"/> grouped by sender, each sender one of its incoming channels.</summary>
    private ILookup<TPeer, TMessage> BySender(LocalSnapshot<TPeer, TMessage> part)
    {
        var bySender = part.Recorded.ToLookup(m => m.From, m => m.Message, _participants.Comparer);
        // A part whose channels are the whole group (nobody declared any) is checked against the group's index, not by a
        // scan of the group for each sender.
        Func<TPeer, bool> isIncoming = ReferenceEquals(part.IncomingChannels, _participants.Peers)
            ? _participants.Contains
            : sender => part.IncomingChannels.Contains(sender, _participants.Comparer);
        foreach (var stranger in bySender.Where(s => !isIncoming(s.Key)).Take(1))
            throw Unexpected($"{part.Process} recorded a message from {stranger.Key}, which is not one of its incoming channels");
        return bySender;
    }

    private void RequireComplete()
    {
        if (!IsComplete)
            throw new InvalidOperationException($"snapshot {Id} still misses parts from {string.Join(", ", Missing)}");
    }

    private SnapshotProtocolException Unexpected(string message) => new(ProtocolViolation.UnexpectedPart, Id, message);
}
