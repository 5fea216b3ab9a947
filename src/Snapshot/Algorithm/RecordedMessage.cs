namespace Snapshot.Algorithm;

/// <summary>An application message that was in flight on channel <c>From → To</c> when the cut was taken.</summary>
public readonly record struct RecordedMessage<TPeer, TMessage>(TPeer From, TPeer To, TMessage Message)
    where TPeer : notnull;
