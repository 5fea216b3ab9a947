using System.Text.Json;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;

namespace Snapshot.Cli.Demo;

/// <summary>
/// A cluster of ActorSystems named <c>snapshot</c> inside this process, on 127.0.0.1 with ports the OS
/// picks; the first node is the seed. Disposing it makes every node leave and stops them all; crashing it stops
/// them all at once without leaving.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    public const string SystemName = "snapshot";

    /// <summary>Akka.Persistence's own default for the local snapshot store, which <c>snapshot list</c> reads too.</summary>
    public const string DefaultSnapshotStore = "snapshots";

    private readonly Config _nodeConfig;

    private LocalCluster(IReadOnlyList<ActorSystem> nodes, Config nodeConfig)
    {
        Nodes = nodes;
        _nodeConfig = nodeConfig;
    }

    public IReadOnlyList<ActorSystem> Nodes { get; }

    /// <param name="snapshotStore">The directory of the nodes' local snapshot store, where <c>GlobalSnapshotStorage</c> keeps snapshots.</param>
    /// <param name="markersPerChannel">Snapshot with a marker per channel (<see cref="CliAkkaConfig.MarkersPerChannel"/>) rather than stamped mailboxes.</param>
    /// <param name="extraConfig">More of every node's configuration, under <c>akka</c>.</param>
    public static async Task<LocalCluster> StartAsync(int nodes, CancellationToken cancellationToken, string snapshotStore = DefaultSnapshotStore, bool markersPerChannel = false,
        string extraConfig = "")
    {
        // Terminate stops a node where it stands (CrashAsync); a node leaves only when disposed of.
        var nodeConfig = CliAkkaConfig.LoopbackClusterNode($"""
            coordinated-shutdown.run-by-actor-system-terminate = off
            persistence.snapshot-store.local.dir = {JsonSerializer.Serialize(snapshotStore)}
            {extraConfig}
            """);
        if (markersPerChannel)
            nodeConfig = ConfigurationFactory.ParseString(CliAkkaConfig.MarkersPerChannel).WithFallback(nodeConfig);
        var systems = new List<ActorSystem>();
        try
        {
            for (var i = 0; i < nodes; i++)
                systems.Add(ActorSystem.Create(SystemName, nodeConfig));
            var seed = Cluster.Get(systems[0]).SelfAddress;
            await Task.WhenAll(systems.Select(s => Cluster.Get(s).JoinAsync(seed, cancellationToken)));
            return new LocalCluster(systems, nodeConfig);
        }
        catch
        {
            await Task.WhenAll(systems.Select(s => s.Terminate()));
            throw;
        }
    }

    /// <summary>
    /// <paramref name="actor"/>, created on <paramref name="owner"/>, as <paramref name="from"/> reaches it: through
    /// remoting unless they are the same node. The ref ActorOf returned would reach it inside this process,
    /// skipping remoting and the FIFO channel that markers travel on.
    /// </summary>
    public static IActorRef Reach(ActorSystem from, ActorSystem owner, IActorRef actor) =>
        from == owner ? actor : ((ExtendedActorSystem)from).Provider.ResolveActorRef(actor.Path.ToSerializationFormatWithAddress(Cluster.Get(owner).SelfAddress));

    /// <summary>
    /// Starts one more node configured as the others and joins it to the seed; it is not one of <see cref="Nodes"/>: the
    /// caller makes it leave (<see cref="CoordinatedShutdown"/>) or terminates it.
    /// </summary>
    public async Task<ActorSystem> StartExtraNodeAsync(Func<ActorSystem, Task> beforeJoining, CancellationToken cancellationToken)
    {
        var node = ActorSystem.Create(SystemName, _nodeConfig);
        try
        {
            await beforeJoining(node);
            await Cluster.Get(node).JoinAsync(Cluster.Get(Nodes[0]).SelfAddress, cancellationToken);
            return node;
        }
        catch
        {
            await node.Terminate();
            throw;
        }
    }

    /// <summary>Stops every node at once, as a crash would: none leaves the cluster, every actor is gone. The cluster is not to be disposed of afterwards.</summary>
    public async Task CrashAsync() => await Task.WhenAll(Nodes.Select(node => node.Terminate()));

    public async ValueTask DisposeAsync() =>
        await Task.WhenAll(Nodes.Select(node => CoordinatedShutdown.Get(node).Run(CoordinatedShutdown.ClusterLeavingReason.Instance)));
}
