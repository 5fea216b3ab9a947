namespace Snapshot.Runtime;

/// <summary>
/// Counts the snapshot protocol messages an ActorSystem dropped, by reason: stray, late, duplicated or hostile
/// markers and parts never crash a participant or a coordinator and never change a snapshot, but they should
/// not go unseen either. Read it from <see cref="GlobalSnapshots.Ignored"/>.
/// </summary>
public sealed class IgnoredMessages
{
    private readonly long[] _counts = new long[Enum.GetValues<IgnoredMessageReason>().Length];

    /// <summary>How many messages were dropped for <paramref name="reason"/> since the ActorSystem started.</summary>
    public long this[IgnoredMessageReason reason] => Interlocked.Read(ref _counts[(int)reason]);

    public long Total => Enum.GetValues<IgnoredMessageReason>().Sum(reason => this[reason]);

    internal void Count(IgnoredMessageReason reason) => Interlocked.Increment(ref _counts[(int)reason]);
}
