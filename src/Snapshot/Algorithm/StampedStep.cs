namespace Snapshot.Algorithm;

/// <summary>
/// What a <see cref="StampedProcess{TPeer,TMessage,TSnapshot}"/> asks of its driver after one input, in this order:
/// <list type="number">
/// <item><see cref="Record"/>: capture the member's state now, before its handler runs, once for all these snapshots;</item>
/// <item><see cref="SendNotices"/>: send the node's waiting record notices (<see cref="NodeLedger{TPeer,TSnapshot}.Notices"/>):
/// the member was the last of its node to record; in any case, send them before the member's handler runs;</item>
/// <item><see cref="Flush"/>: send the waiting notices, then tell every member of this node the flush of each of these snapshots;</item>
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

    /// <summary>True when the member was the last of its node to record for one of <see cref="Record"/>: the waiting notices go now.</summary>
    public bool SendNotices { get; init; }

    public static StampedStep<TSnapshot> Nothing { get; } = new([], [], []);
}
