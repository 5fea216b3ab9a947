using Akka.Actor;
using Akka.Cluster;

namespace Snapshot.Cli.Demo;

/// <summary>
/// Counts the <see cref="ClusterEvent.UnreachableMember"/> events every node of a cluster publishes while it is
/// watched: a node that stops answering heartbeats, as when snapshots or transfers starve its threads, is seen
/// unreachable by the others, which fails the snapshots it takes part in. The demo and <c>bench scale</c> report it.
/// </summary>
public sealed class UnreachableEvents : IDisposable
{
    private readonly IReadOnlyList<(ActorSystem Node, IActorRef Listener)> _listeners;
    private int _count;

    private UnreachableEvents(IReadOnlyList<ActorSystem> nodes) =>
        _listeners = [.. nodes.Select(node => (node, node.ActorOf(Props.Create(() => new Listener(this)))))];

    /// <summary>Events seen so far, over all nodes.</summary>
    public int Count => Volatile.Read(ref _count);

    public static UnreachableEvents Watch(IReadOnlyList<ActorSystem> nodes) => new(nodes);

    public void Dispose()
    {
        foreach (var (node, listener) in _listeners)
            node.Stop(listener);
    }

    private sealed class Listener : ReceiveActor
    {
        public Listener(UnreachableEvents events)
        {
            Receive<ClusterEvent.UnreachableMember>(_ => Interlocked.Increment(ref events._count));
            // Subscribed with the state as a snapshot: members unreachable before the watch began are not counted.
            Receive<ClusterEvent.CurrentClusterState>(_ => { });
        }

        protected override void PreStart() =>
            Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.UnreachableMember));

        protected override void PostStop() => Cluster.Get(Context.System).Unsubscribe(Self);
    }
}
