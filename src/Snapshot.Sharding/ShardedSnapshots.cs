using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Snapshot.Runtime;
using Snapshot.Sharding.Internal;

namespace Snapshot.Sharding;

/// <summary>
/// Snapshots of Akka.Cluster.Sharding entities. Start a region with <see cref="StartAsync(string, Props, ClusterShardingSettings, IMessageExtractor)"/>
/// instead of <c>ClusterSharding.StartAsync</c>, with the same arguments: its entities, made participants the usual way
/// (<c>SnapshotReceiveActor</c>, or a <c>SnapshotParticipant</c>), take part in the snapshots of their type, and a message
/// an entity tells the region ref it returns, from its handler, is a channel of the snapshot: recorded when it is in flight
/// at the cut, wherever it waits (a region resolving its shard's home, a shard starting its entity, a mailbox).
/// </summary>
public sealed class ShardedSnapshots : IExtension
{
    private readonly ExtendedActorSystem _system;
    private readonly ConcurrentDictionary<string, EntityHost> _hosts = new();
    private readonly ConcurrentDictionary<string, IActorRef> _regions = new();
    private readonly IActorRef _actor;

    public ShardedSnapshots(ExtendedActorSystem system)
    {
        _system = system;
        Settings = ShardedSnapshotsSettings.Create(system);
        var snapshots = GlobalSnapshots.Get(system);
        // Loads akka.cluster.sharding's defaults, which ClusterShardingSettings.Create reads.
        ClusterSharding.Get(system);
        _actor = system.SystemActorOf(ShardedSnapshotsActor.Props(HostOf, Hosts, Settings.ReportsPerMessage), ShardedSnapshotsActor.Name);
        system.SystemActorOf(Props.Create(() => new ShardedCoordinator()), ShardedCoordinator.Name);
        snapshots.EntityHosting = new EntityHosting(HostOf);
        // A node leaving hands its shards off first (Akka.Cluster.Sharding's phase before this one), then says what its
        // entities sent and handled: messages of theirs may still be on their way, and every later snapshot counts them.
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseClusterLeave, "snapshot-sharding-counts",
            () => _actor.Ask<Akka.Done>(LeaveCounts.Instance, TimeSpan.FromSeconds(5)));
    }

    public ShardedSnapshotsSettings Settings { get; }

    public static ShardedSnapshots Get(ActorSystem system) =>
        system.WithExtension<ShardedSnapshots, ShardedSnapshotsExtensionProvider>();

    /// <summary>
    /// Starts the region of <paramref name="typeName"/> as <c>ClusterSharding.StartAsync</c> does, with the application's
    /// <paramref name="messageExtractor"/> taught the colour of the messages between entities.
    /// </summary>
    /// <returns>The region to tell, from entities and from anywhere else.</returns>
    public Task<IActorRef> StartAsync(string typeName, Props entityProps, ClusterShardingSettings settings, IMessageExtractor messageExtractor) =>
        StartAsync(typeName, _ => entityProps, settings, messageExtractor);

    /// <inheritdoc cref="StartAsync(string, Props, ClusterShardingSettings, IMessageExtractor)"/>
    public async Task<IActorRef> StartAsync(string typeName, Func<string, Props> entityPropsFactory, ClusterShardingSettings settings, IMessageExtractor messageExtractor)
    {
        var extractor = new SnapshotMessageExtractor(messageExtractor);
        var host = _hosts.GetOrAdd(typeName, name => new EntityHost(name, Cluster.Get(_system).SelfAddress, _actor, extractor));
        var region = await ClusterSharding.Get(_system).StartAsync(typeName, entityPropsFactory, settings, extractor);
        return _regions.GetOrAdd(typeName, _ => new ColouringRegion((IInternalActorRef)region, host));
    }

    /// <summary>The region of <paramref name="typeName"/> that <see cref="StartAsync(string, Props, ClusterShardingSettings, IMessageExtractor)"/> returned.</summary>
    /// <exception cref="ArgumentException">No region of that type was started here with this extension.</exception>
    public IActorRef Region(string typeName) =>
        _regions.TryGetValue(typeName, out var region)
            ? region
            : throw new ArgumentException($"no region of entity type '{typeName}' was started on this node with ShardedSnapshots.StartAsync", nameof(typeName));

    /// <summary>Takes a snapshot of the entities of <paramref name="typeName"/>, on every node that hosts them.</summary>
    /// <param name="timeout">How long it may take; <c>akka.snapshot.default-timeout</c> when null.</param>
    /// <exception cref="SnapshotFailedException">It failed; <see cref="SnapshotFailedException.Reason"/> says why, and the message what it waited for.</exception>
    public async Task<ShardedSnapshot> TakeAsync(string typeName, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var limit = timeout ?? GlobalSnapshots.Get(_system).Settings.DefaultTimeout;
        if (limit <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(timeout), limit, "a snapshot needs a timeout longer than 0");
        // The coordinator answers at its timeout; the ask's own only guards against a coordinator that is gone.
        object reply;
        try
        {
            reply = await _actor.Ask<object>(replyTo => new TakeSharded(typeName, limit, replyTo), limit + TimeSpan.FromSeconds(5), cancellationToken);
        }
        catch (AskTimeoutException)
        {
            throw new SnapshotFailedException(SnapshotFailureReason.Timeout, typeName, null,
                $"snapshot of entity type '{typeName}' got no answer from its coordinator (the oldest member) within {limit.TotalSeconds:0.#} s and 5 s more: the coordinator is gone, or its answer was lost");
        }
        return reply switch
        {
            ShardedSnapshot snapshot => snapshot,
            ShardedTakeFailed failed => throw new SnapshotFailedException(failed.Reason, typeName, failed.Snapshot, $"snapshot of entity type '{typeName}' failed: {failed.Detail}"),
            _ => throw new InvalidOperationException($"unexpected answer {reply.GetType().Name} to a snapshot of '{typeName}'"),
        };
    }

    private EntityHost? HostOf(string typeName) => _hosts.GetValueOrDefault(typeName);

    private IEnumerable<EntityHost> Hosts() => _hosts.Values;
}

public sealed class ShardedSnapshotsExtensionProvider : ExtensionIdProvider<ShardedSnapshots>
{
    public override ShardedSnapshots CreateExtension(ExtendedActorSystem system) => new(system);
}
