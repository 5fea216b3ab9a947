using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Akka;
using Akka.Actor;
using Snapshot.Algorithm;
using Snapshot.Restore;
using Snapshot.Runtime.Coordination;
using Snapshot.Runtime.Internal;
using Snapshot.Runtime.Participants;

namespace Snapshot.Runtime;

/// <summary>
/// The snapshot extension of an ActorSystem: <c>GlobalSnapshots.Get(system).TakeAsync()</c> takes a
/// consistent global snapshot of a group of participants while the system keeps running.
/// </summary>
public sealed class GlobalSnapshots : IExtension
{
    private readonly ExtendedActorSystem _system;

    /// <summary>
    /// Cancelled once this node starts shutting down (left, downed by the cluster, terminated): its coordinator is about to
    /// stop, and an ask it will never answer would otherwise wait out its whole timeout, or forever.
    /// </summary>
    private readonly CancellationTokenSource _shuttingDown = new();

    public GlobalSnapshots(ExtendedActorSystem system)
    {
        _system = system;
        Settings = GlobalSnapshotsSettings.Create(system);
        // Participants on other nodes send their markers for this node's participants here, one per node.
        if (system.Provider is Akka.Remote.IRemoteActorRefProvider)
        {
            var fanOut = new MarkerFanOut(system.Provider, Ignored, NodeStamps.Get(system));
            system.Provider.RegisterTempActor(fanOut, fanOut.Path);
        }
        Coordinator = system.SystemActorOf(SnapshotCoordinator.Props(Settings, Ignored), SnapshotCoordinator.Name);
        var shutdown = CoordinatedShutdown.Get(system);
        if (shutdown.ShutdownReason is not null)
            _shuttingDown.Cancel();
        else
            shutdown.AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "snapshot-requests-end", () =>
            {
                _shuttingDown.Cancel();
                return Task.FromResult(Done.Instance);
            });
        system.WhenTerminated.ContinueWith(_ => _shuttingDown.Cancel(), TaskScheduler.Default);
    }

    public GlobalSnapshotsSettings Settings { get; }

    /// <summary>Protocol messages this ActorSystem's participants and coordinator dropped, by reason.</summary>
    public IgnoredMessages Ignored { get; } = new();

    internal IActorRef Coordinator { get; }

    /// <summary>Set by Snapshot.Sharding when it starts on this ActorSystem: participants created in its regions are its entities.</summary>
    internal IEntityHosting? EntityHosting { get; set; }

    public static GlobalSnapshots Get(ActorSystem system) =>
        system.WithExtension<GlobalSnapshots, GlobalSnapshotsExtensionProvider>();

    /// <summary>Takes a snapshot of <paramref name="group"/>.</summary>
    /// <param name="group">The group; <c>akka.snapshot.default-group</c> when null.</param>
    /// <param name="initiator">The participant that starts it; when null every participant starts at once.</param>
    /// <param name="timeout">How long it may take; <c>akka.snapshot.default-timeout</c> when null.</param>
    /// <param name="cancellationToken">Cancels it: the participants drop what they recorded for it.</param>
    /// <exception cref="SnapshotTimeoutException">It did not complete in time; the exception lists what was missing.</exception>
    /// <exception cref="SnapshotFailedException">It was refused or failed; <see cref="SnapshotFailedException.Reason"/> says why.</exception>
    public async Task<GlobalSnapshot> TakeAsync(string? group = null, IActorRef? initiator = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var limit = timeout ?? Settings.DefaultTimeout;
        if (limit <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(timeout), limit, "a snapshot needs a timeout longer than 0");
        cancellationToken.ThrowIfCancellationRequested();
        var request = Guid.NewGuid();
        // The coordinator answers every request itself, at the latest one grace period after the timeout;
        // the ask's own timeout only guards against a coordinator that is gone.
        var asked = AskCoordinatorAsync<object>(
            replyTo => new Take(group ?? Settings.DefaultGroup, initiator, limit, replyTo, request, Activity.Current?.Context ?? default),
            group, limit + Settings.TimeoutReportGrace + TimeSpan.FromSeconds(5), cancellationToken);
        // Registered only once the Take is told: a cancel told before it would be ignored, and the snapshot
        // would run with nobody waiting for it, holding a place among those in flight.
        await using var cancel = cancellationToken.Register(() => Coordinator.Tell(new CancelTake(request)));
        var reply = await asked;
        if (reply is Status.Failure failure)
            ExceptionDispatchInfo.Throw(failure.Cause);
        return (GlobalSnapshot)reply;
    }

    /// <summary>
    /// Completes once at least <paramref name="count"/> participants of <paramref name="group"/> are registered on
    /// this node. Participants register as they start, a moment after <c>ActorOf</c> returns.
    /// </summary>
    public async Task WaitForLocalParticipantsAsync(int count, string? group = null, CancellationToken cancellationToken = default) =>
        await AskCoordinatorAsync<bool>(_ => new WaitForParticipants(group ?? Settings.DefaultGroup, count), group, Timeout.InfiniteTimeSpan, cancellationToken);

    /// <summary>
    /// Starts the group of <paramref name="snapshot"/> again from it, into a group with no participants (after a crash,
    /// on a new cluster). For each participant, in the snapshot's order, <paramref name="factory"/> creates a new actor
    /// wherever it likes (any node of the cluster), with the recorded state, passing the participant's
    /// <see cref="RestoringParticipant.Ticket"/> to its participant base class. Each new actor then handles its recorded
    /// stash, then every message recorded in flight to it, channel by channel in the order they were sent and from the
    /// sender's new actor, before any other message: its own timers, inputs from outside, and what other restored
    /// participants send it. Completes once every replay is in front of its participant's mailbox.
    /// </summary>
    /// <param name="rewrite">
    /// Gives the message to deliver for each recorded one, with the new actor of every recorded participant: a message
    /// that names recorded participants (a reply-to, a payee) must name their new actors, as the recorded ones are gone.
    /// Null to deliver every message as recorded.
    /// </param>
    /// <param name="timeout">How long the replays may take to be delivered; <c>akka.snapshot.default-timeout</c> when null.</param>
    /// <param name="cancellationToken">Cancels the restore: the actors created are stopped, and it throws <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="RestoreFailedException">
    /// The group is not empty, the factory threw or gave no actor, or a new actor refused its replay or stopped; the message
    /// names the participant. Every actor the factory created has been stopped.
    /// </exception>
    public Task<RestoredGroup> RestoreAsync(GlobalSnapshot snapshot, Func<RestoringParticipant, IActorRef> factory,
        Func<object, IReadOnlyDictionary<IActorRef, IActorRef>, object>? rewrite = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        GroupRestore.RunAsync(_system, this, snapshot, factory, rewrite, timeout ?? Settings.DefaultTimeout, cancellationToken);

    /// <summary>
    /// How many entries each of this node's own snapshot tables holds now, summed by table over its coordinator, its
    /// participants and what the node shares: each asked by message, as the tables are their actors' state. For leak checks
    /// (<c>snapshot soak</c>, the specs), so internal: the tables are the runtime's, and change with it.
    /// </summary>
    internal async Task<IReadOnlyList<TableSize>> ReadTableSizesAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var coordinator = await Coordinator.Ask<TableSizesRead>(ReadTableSizes.Instance, timeout, cancellationToken);
        var participants = await Task.WhenAll(coordinator.LocalParticipants.Select(p => p.Ask<TableSizesRead>(ReadTableSizes.Instance, timeout, cancellationToken)));
        return [.. coordinator.Sizes.Concat(participants.SelectMany(p => p.Sizes))
            .GroupBy(size => size.Table)
            .Select(table => new TableSize(table.Key, table.Sum(size => size.Size)))
            .OrderBy(size => size.Table, StringComparer.Ordinal)];
    }

    /// <summary>The participants of <paramref name="group"/> now, on every reachable node: by node, then in registration order.</summary>
    public async Task<IReadOnlyList<IActorRef>> ParticipantsAsync(string? group = null, CancellationToken cancellationToken = default) =>
        await AskCoordinatorAsync<IActorRef[]>(_ => new GetParticipants(group ?? Settings.DefaultGroup), group, Settings.DefaultTimeout + TimeSpan.FromSeconds(5), cancellationToken);

    /// <summary>
    /// Asks the coordinator, failing with <see cref="SnapshotFailureReason.ShuttingDown"/> as soon as this node starts shutting
    /// down rather than when the ask times out: a node the cluster downs shuts itself down, and its coordinator with it.
    /// </summary>
    private async Task<T> AskCoordinatorAsync<T>(Func<IActorRef, object> message, string? group, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _shuttingDown.Token);
        try
        {
            return await Coordinator.Ask<T>(message, timeout, linked.Token);
        }
        catch (OperationCanceledException) when (_shuttingDown.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var why = CoordinatedShutdown.Get(_system).ShutdownReason switch
            {
                CoordinatedShutdown.ClusterDowningReason => "the cluster downed it",
                CoordinatedShutdown.ClusterLeavingReason => "it left the cluster",
                null => "its ActorSystem terminated",
                var reason => reason.GetType().Name,
            };
            var name = group ?? Settings.DefaultGroup;
            throw new SnapshotFailedException(SnapshotFailureReason.ShuttingDown, name, null,
                $"node {_system.Provider.DefaultAddress} is shutting down ({why}): it can no longer ask for a snapshot of group '{name}' or list its participants");
        }
    }
}

public sealed class GlobalSnapshotsExtensionProvider : ExtensionIdProvider<GlobalSnapshots>
{
    public override GlobalSnapshots CreateExtension(ExtendedActorSystem system) => new(system);
}
