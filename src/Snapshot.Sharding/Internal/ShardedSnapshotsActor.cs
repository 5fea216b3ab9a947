using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Snapshot.Algorithm;
using Snapshot.Algorithm.Sharded;
using Snapshot.Runtime;

namespace Snapshot.Sharding.Internal;

/// <summary>
/// Each node's actor of Snapshot.Sharding, at <c>/system/snapshot-sharding</c>: it carries its hosts' reports to the
/// coordinator of the snapshot they are for, opens and closes snapshots on its hosts, watches the shards its entities live
/// in, and counts the messages dropped here. Apart from the <see cref="ShardedCoordinator"/>, whose load (every node's
/// reports) must not hold up this node's open of a snapshot: an entity whose shard moves here before it opens would record
/// its cut twice.
/// </summary>
internal sealed class ShardedSnapshotsActor : ReceiveActor
{
    public const string Name = "snapshot-sharding";

    private readonly Func<string, EntityHost?> _hostOf;
    private readonly Func<IEnumerable<EntityHost>> _hosts;
    private readonly int _reportsPerMessage;
    private readonly Cluster _cluster = Cluster.Get(Context.System);
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly SnapshotPieces _pieces = new((ExtendedActorSystem)Context.System);

    // As a node: by type, the snapshot open here and its coordinator, and the reports not yet sent, in order.
    private readonly Dictionary<string, (long Snapshot, IActorRef Coordinator)> _coordinators = [];
    private readonly Dictionary<string, List<ShardedReport<Address, string, object?, object>>> _outbox = [];
    private readonly Dictionary<string, List<string>> _startedFresh = [];
    private readonly Dictionary<IActorRef, string> _shards = [];
    // Set once the node is leaving: its counts went to the coordinator, and go again after every message dropped here.
    private bool _left;

    public ShardedSnapshotsActor(Func<string, EntityHost?> hostOf, Func<IEnumerable<EntityHost>> hosts, int reportsPerMessage)
    {
        _hostOf = hostOf;
        _hosts = hosts;
        _reportsPerMessage = reportsPerMessage;
        Node();
    }

    private Address SelfNode => _cluster.SelfAddress;

    public static Props Props(Func<string, EntityHost?> hostOf, Func<IEnumerable<EntityHost>> hosts, int reportsPerMessage) =>
        Akka.Actor.Props.Create(() => new ShardedSnapshotsActor(hostOf, hosts, reportsPerMessage));

    public static ActorSelection On(ActorSystem system, Address node) =>
        system.ActorSelection(new RootActorPath(node) / "system" / Name);

    protected override void PreStart()
    {
        // Akka.Cluster.Sharding delivers at most once: a shard handed off with messages in its mailbox, a full region
        // buffer, drop them to dead letters. Each is counted as handled, or no later snapshot could complete.
        Context.System.EventStream.Subscribe(Self, typeof(AllDeadLetters));
    }

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    private void Node()
    {
        Receive<AskOpened>(ask =>
        {
            var host = _hostOf(ask.TypeName);
            Sender.Tell(new OpenedHere(ask.TypeName, ask.Request, SelfNode, host is not null, host?.LastOpened ?? 0));
        });
        Receive<OpenSharded>(open =>
        {
            _coordinators[open.TypeName] = (open.Snapshot, Sender);
            _hostOf(open.TypeName)?.Open(open.Snapshot);
            Flush();
        });
        Receive<CloseSharded>(close =>
        {
            _hostOf(close.TypeName)?.Close(close.Snapshot);
            if (_outbox.TryGetValue(close.TypeName, out var reports))
                reports.RemoveAll(r => r.Snapshot <= close.Snapshot);
            if (_coordinators.TryGetValue(close.TypeName, out var known) && known.Snapshot == close.Snapshot)
                _coordinators.Remove(close.TypeName);
        });
        Receive<HostReady>(ready =>
        {
            if (_hostOf(ready.TypeName) is not { } host)
                return;
            var (reports, startedFresh) = host.Drain();
            (_outbox.TryGetValue(ready.TypeName, out var waiting) ? waiting : _outbox[ready.TypeName] = []).AddRange(reports);
            (_startedFresh.TryGetValue(ready.TypeName, out var ids) ? ids : _startedFresh[ready.TypeName] = []).AddRange(startedFresh);
            Flush();
        });
        Receive<SnapshotPiece>(piece =>
        {
            if (_pieces.Add(piece) is { } snapshot)
                piece.ReplyTo.Tell(snapshot);
        });
        // Asked here, as TakeAsync does: the coordinator takes it.
        Receive<TakeSharded>(take => Oldest().Tell(take));
        Receive<WatchShard>(watch =>
        {
            _shards[watch.Shard] = watch.TypeName;
            Context.Watch(watch.Shard);
        });
        Receive<AllDeadLetters>(dead =>
        {
            if (dead.Message is not ColouredMessage coloured || _hostOf(coloured.TypeName) is not { } host)
                return;
            host.Dropped(coloured);
            if (_left)
                SendLeftCounts(host);
        });
        Receive<LeaveCounts>(_ =>
        {
            _left = true;
            foreach (var host in _hosts())
                SendLeftCounts(host);
            Sender.Tell(Akka.Done.Instance);
        });
        Receive<Terminated>(terminated =>
        {
            if (_shards.Remove(terminated.ActorRef, out var typeName))
                ShardStopped(typeName, terminated.ActorRef);
        });
    }

    private void SendLeftCounts(EntityHost host)
    {
        var (sent, received) = host.Totals();
        Oldest().Tell(new NodeLeft(host.TypeName, host.Node, sent, received));
    }

    private void ShardStopped(string typeName, IActorRef shard)
    {
        if (_hostOf(typeName) is not { } host)
            return;
        var handedOff = host.ShardStopped(shard, DateTime.UtcNow.Ticks);
        if (handedOff.Count > 0)
            Oldest().Tell(new EntitiesHandedOff(typeName, handedOff));
    }

    /// <summary>Sends each type's reports for the snapshot whose coordinator is known, in order and in batches; later ones wait for their open.</summary>
    private void Flush()
    {
        foreach (var (typeName, reports) in _outbox)
        {
            if (reports.Count == 0 || !_coordinators.TryGetValue(typeName, out var known))
                continue;
            var ready = reports.Where(r => r.Snapshot == known.Snapshot).ToList();
            reports.RemoveAll(r => r.Snapshot <= known.Snapshot);
            foreach (var batch in ready.Chunk(_reportsPerMessage))
                known.Coordinator.Tell(new NodeReports(typeName, known.Snapshot, SelfNode, batch));
        }
        foreach (var (typeName, ids) in _startedFresh)
        {
            if (ids.Count == 0)
                continue;
            foreach (var batch in ids.Chunk(_reportsPerMessage * 10))
                Oldest().Tell(new EntitiesStarted(typeName, batch));
            ids.Clear();
        }
    }

    /// <summary>The coordinator: on the oldest Up member, other than this node once it is leaving.</summary>
    private ActorSelection Oldest() =>
        ShardedCoordinator.On(Context.System, ShardedCoordinator.OldestUp(_cluster, except: _left ? SelfNode : null) ?? SelfNode);

}
