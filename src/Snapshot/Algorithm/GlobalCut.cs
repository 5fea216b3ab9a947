namespace Snapshot.Algorithm;

/// <summary>A process's recorded state in a cut, with the messages it recorded on its incoming channels in arrival order.</summary>
public sealed record ProcessCut<TPeer, TState, TMessage>(
    TPeer Process,
    TState State,
    IReadOnlyList<RecordedMessage<TPeer, TMessage>> Received)
    where TPeer : notnull;

/// <summary>The messages in flight on one channel when the cut was taken, in the order they were sent.</summary>
public sealed record ChannelCut<TPeer, TMessage>(TPeer From, TPeer To, IReadOnlyList<TMessage> Messages)
    where TPeer : notnull;

/// <summary>
/// A consistent global snapshot: every process's recorded state, and every channel's in-flight messages.
/// <see cref="Channels"/> lists only the channels that held messages; <see cref="ChannelCount"/> counts every incoming
/// channel of every process, empty ones included, so that a cut of idle processes costs nothing per channel.
/// </summary>
public sealed record GlobalCut<TPeer, TState, TMessage>(
    SnapshotId Id,
    IReadOnlyList<ProcessCut<TPeer, TState, TMessage>> Processes,
    IReadOnlyList<ChannelCut<TPeer, TMessage>> Channels,
    long ChannelCount)
    where TPeer : notnull;
