using Akka.Actor;
using Snapshot.Algorithm.Sharded;
using Snapshot.Runtime;

namespace Snapshot.Sharding.Internal;

/// <summary>
/// An application message one entity told another through a region (<see cref="ColouringRegion"/>), with its colour: the
/// sender's node, its id and its epoch (the last snapshot it recorded). The extractor (<see cref="SnapshotMessageExtractor"/>)
/// routes it by the message it carries; the receiving entity's participation takes the message out before its handler runs.
/// </summary>
internal sealed record ColouredMessage(string TypeName, Address SenderNode, string SenderEntity, long Epoch, object Message) : IShardedProtocolMessage;

/// <summary>
/// The node → one of its entities: a snapshot opened on the node while it runs: record now, unless it has. It does not keep
/// an idle entity from passivating: snapshots back to back would otherwise keep every entity alive.
/// </summary>
internal sealed record InitiateEntity : IShardedProtocolMessage, INotInfluenceReceiveTimeout
{
    public static readonly InitiateEntity Instance = new();
}

/// <summary>Coordinator → every node: which snapshot of <paramref name="TypeName"/> it opened last, and whether it hosts the type.</summary>
internal sealed record AskOpened(string TypeName, Guid Request) : IShardedProtocolMessage;

internal sealed record OpenedHere(string TypeName, Guid Request, Address Node, bool Hosting, long LastOpened) : IShardedProtocolMessage;

/// <summary>Coordinator → each node it spans: open snapshot <paramref name="Snapshot"/>; its reports go to the sender.</summary>
internal sealed record OpenSharded(string TypeName, long Snapshot) : IShardedProtocolMessage;

/// <summary>Coordinator → each node it spans: snapshot <paramref name="Snapshot"/> ended.</summary>
internal sealed record CloseSharded(string TypeName, long Snapshot) : IShardedProtocolMessage;

/// <summary>A node → the coordinator of <paramref name="Snapshot"/>: the next reports of its stream, in order.</summary>
internal sealed record NodeReports(string TypeName, long Snapshot, Address Node, IReadOnlyList<ShardedReport<Address, string, object?, object>> Reports) : IShardedProtocolMessage;

/// <summary>A node → the coordinator: entities passivated there whose shard stopped there (handed off), with what they handed over.</summary>
internal sealed record EntitiesHandedOff(string TypeName, IReadOnlyList<HandedOffEntity> Entities) : IShardedProtocolMessage;

internal sealed record HandedOffEntity(string EntityId, object? State, long Order);

/// <summary>A node → the coordinator: entities that started there without having passivated there: the node reports them from now on.</summary>
internal sealed record EntitiesStarted(string TypeName, IReadOnlyList<string> EntityIds) : IShardedProtocolMessage;

/// <summary>
/// A node → the coordinator, as it leaves: every message its entities sent and, by sender node, handled since it started.
/// Messages its entities sent may still be on their way: the coordinator counts them in every later snapshot.
/// </summary>
internal sealed record NodeLeft(string TypeName, Address Node, long Sent, IReadOnlyDictionary<Address, long> Received) : IShardedProtocolMessage;

/// <summary>
/// Asks the coordinator of <paramref name="TypeName"/>'s snapshots (the oldest member) for one; the answer goes to <paramref name="ReplyTo"/>.
/// <paramref name="Forwarded"/> once a node passed it on: the next one takes it, whatever it thinks the oldest is.
/// </summary>
internal sealed record TakeSharded(string TypeName, TimeSpan Timeout, IActorRef ReplyTo, bool Forwarded = false) : IShardedProtocolMessage;

/// <summary>The answer to a <see cref="TakeSharded"/> that did not complete.</summary>
internal sealed record ShardedTakeFailed(string TypeName, long? Snapshot, SnapshotFailureReason Reason, string Detail) : IShardedProtocolMessage;

/// <summary>Local only: a host has reports or fresh starts for its node's actor to take (<see cref="EntityHost.Drain"/>).</summary>
internal sealed record HostReady(string TypeName);

/// <summary>Local only: a host saw the first entity of a shard: the node watches it, to hand off its passivated entities when it stops.</summary>
internal sealed record WatchShard(string TypeName, IActorRef Shard);

/// <summary>
/// Local only: this node is leaving, its shards handed off: its actor tells the coordinator its hosts' counts
/// (<see cref="NodeLeft"/>), and again after each message dropped here from then on, and answers <c>Done</c>.
/// </summary>
internal sealed record LeaveCounts
{
    public static readonly LeaveCounts Instance = new();
}

/// <summary>Coordinator → the asker's node actor: piece <paramref name="Index"/> of <paramref name="Count"/> of a snapshot too big for one message, for <paramref name="ReplyTo"/>.</summary>
internal sealed record SnapshotPiece(Guid Snapshot, int Index, int Count, byte[] Bytes, IActorRef ReplyTo) : IShardedProtocolMessage;
