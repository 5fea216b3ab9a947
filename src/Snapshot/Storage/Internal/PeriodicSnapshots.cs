using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Snapshot.Runtime;

namespace Snapshot.Storage.Internal;

/// <summary>
/// Takes a snapshot of the periodic group every interval, stores it and deletes the periodic ones beyond
/// <c>keep-last</c>. In a cluster only the oldest Up member does, checked at every tick, so the cluster stores one
/// snapshot per interval and another node takes over when the oldest leaves. A tick that comes while the previous
/// snapshot is still being taken or stored is skipped. Failures are logged, never thrown.
/// </summary>
internal sealed class PeriodicSnapshots : ReceiveActor, IWithTimers
{
    private readonly CancellationTokenSource _stopped = new();
    private readonly TimeSpan _interval;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private bool _busy;

    public PeriodicSnapshots(GlobalSnapshotStorage storage, GlobalSnapshots snapshots, TimeSpan interval)
    {
        _interval = interval;
        var group = storage.PeriodicGroup;
        Receive<Tick>(_ =>
        {
            if (_busy || !TakesTheSnapshots())
                return;
            _busy = true;
            TakeAndStoreAsync(storage, snapshots, group, _stopped.Token).PipeTo(Self);
        });
        Receive<Stored>(stored =>
        {
            _busy = false;
            _log.Info("stored periodic snapshot {0} of group '{1}' ({2} participants, {3} messages in flight){4}",
                stored.Info.Id, group, stored.Info.Participants, stored.Info.MessagesInFlight,
                stored.Pruned.Count > 0 ? $"; deleted {string.Join(", ", stored.Pruned)} (keep-last = {storage.Settings.KeepLast})" : "");
        });
        Receive<Status.Failure>(failure =>
        {
            _busy = false;
            _log.Warning("periodic snapshot of group '{0}' not stored: {1}", group, failure.Cause.Message);
        });
    }

    public ITimerScheduler? Timers { get; set; }

    public static Props Props(GlobalSnapshotStorage storage, GlobalSnapshots snapshots, TimeSpan interval) =>
        Akka.Actor.Props.Create(() => new PeriodicSnapshots(storage, snapshots, interval));

    // Timers are given to the actor after its constructor has run.
    protected override void PreStart() => Timers!.StartPeriodicTimer(Tick.Instance, Tick.Instance, _interval);

    protected override void PostStop() => _stopped.Cancel();

    private static async Task<Stored> TakeAndStoreAsync(GlobalSnapshotStorage storage, GlobalSnapshots snapshots, string group, CancellationToken cancellationToken)
    {
        var snapshot = await snapshots.TakeAsync(group, cancellationToken: cancellationToken);
        var info = await storage.SaveAsync(snapshot, periodic: true, cancellationToken);
        return new Stored(info, await storage.PruneAsync(group, cancellationToken));
    }

    /// <summary>Outside a cluster, always; in one, when this node is the oldest Up member.</summary>
    private bool TakesTheSnapshots()
    {
        if (((ExtendedActorSystem)Context.System).Provider is not IClusterActorRefProvider)
            return true;
        var cluster = Cluster.Get(Context.System);
        var up = cluster.State.Members.Where(m => m.Status == MemberStatus.Up).ToArray();
        return up.Length > 0 && up.Aggregate((oldest, m) => m.IsOlderThan(oldest) ? m : oldest).Address == cluster.SelfAddress;
    }

    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }

    private sealed record Stored(StoredSnapshotInfo Info, IReadOnlyList<long> Pruned);
}
