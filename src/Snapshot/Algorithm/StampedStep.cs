namespace Snapshot.Algorithm;

/// <summary>
/// What a <see cref="StampedProcess{TPeer,TMessage,TSnapshot}"/> asks of its driver after one input, in this order:
/// <list type="number">
/// <item><see cref="Record"/>: capture the member's state now, before its handler runs, once for all these snapshots;</item>
/// <item>tell every other node with members of each of them the member's record notice, before anything else the member tells;</item>
/// <item><see cref="Flush"/>: tell every member of this node the flush of each of these snapshots;</item>
/// <item><see cref="Overflowed"/>: fail the member's part of each of these: the message was one more than the snapshot's
/// limit for its channel, and the member dropped what it recorded for it.</item>
/// </list>
/// </summary>
public readonly record struct StampedStep<TSnapshot>(IReadOnlyList<TSnapshot> Record, IReadOnlyList<TSnapshot> Flush, IReadOnlyList<TSnapshot> Overflowed)
    where TSnapshot : notnull
{
    public StampedStep(IReadOnlyList<TSnapshot> record, IReadOnlyList<TSnapshot> flush) : this(record, flush, [])
    {
    }

    public static StampedStep<TSnapshot> Nothing { get; } = new([], [], []);
}
