using Akka.Actor;
using Snapshot.Algorithm;
using Snapshot.Runtime.Diagnostics;

namespace Snapshot.Runtime.Internal;

/// <summary>
/// A participant's side of one snapshot it has recorded its state for and not yet finished. Its marker process is
/// shared with the other snapshots of the same <see cref="ChannelLayout"/>; a snapshot of a stamped layout has none (the
/// participant's one stamped process records for all of them).
/// </summary>
internal sealed class ActiveSnapshot(SnapshotPlan plan, SnapshotProcess<IActorRef, object>? process, MarkerRoute route, object? state,
    IReadOnlyList<object> stashed, PartTrace? trace)
{
    // By incoming channel, in the order of the process's channels; made on the first message recorded.
    private int[]? _recordedPerChannel;

    public SnapshotPlan Plan { get; } = plan;

    /// <summary>
    /// The plan's deadline on <see cref="Environment.TickCount64"/>'s clock, read once here: checked for every message
    /// recorded, where reading the wall clock would cost several times as much (about 35 ns against 8 on Linux).
    /// </summary>
    public long DeadlineTicks { get; } = Environment.TickCount64 + (long)Math.Ceiling(Math.Max(0, (plan.DeadlineUtc - DateTime.UtcNow).TotalMilliseconds));

    /// <summary>The marker process; null for a snapshot of a stamped layout.</summary>
    public SnapshotProcess<IActorRef, object>? Process { get; } = process;

    /// <summary>Where the markers of <see cref="Process"/>'s outgoing channels go, or, for a stamped layout, its record notices.</summary>
    public MarkerRoute Route { get; } = route;

    public object? State { get; } = state;

    public IReadOnlyList<object> Stashed { get; } = stashed;

    /// <summary>This part's span; null while nobody traces.</summary>
    public PartTrace? Trace { get; } = trace;

    /// <summary>Counts one more message recorded on incoming channel <paramref name="channel"/> (its position in the process's channels); false once it is over its limit.</summary>
    public bool CountRecorded(int channel)
    {
        _recordedPerChannel ??= new int[Process!.Channels.Incoming.Count];
        return ++_recordedPerChannel[channel] <= Plan.MaxRecordedPerChannel;
    }

    /// <summary>The messages recorded so far from <paramref name="sender"/>, one of its incoming channels.</summary>
    public int RecordedFrom(IActorRef sender) => _recordedPerChannel?[Process!.Channels.Incoming.IndexOf(sender)] ?? 0;
}
