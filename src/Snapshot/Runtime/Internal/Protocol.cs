using System.Diagnostics;
using Akka.Actor;
using Snapshot.Algorithm;

namespace Snapshot.Runtime.Internal;

/// <summary>Every message of the snapshot protocol. Participants consume them before user code sees anything.</summary>
internal interface ISnapshotProtocolMessage;

/// <summary>Participant → participant, along the channel it closes.</summary>
internal sealed record Marker(SnapshotPlan Plan) : ISnapshotProtocolMessage;

/// <summary>
/// Coordinator → coordinator of a node with members of the group, before the first snapshot of <paramref name="Layout"/>:
/// keep it, and of the sender's earlier layouts of <paramref name="Group"/> those in <paramref name="StillUsed"/>.
/// Answered with <see cref="LayoutShared"/> once the node's serializer can read plans that name it.
/// </summary>
internal sealed record ShareLayout(string Group, ChannelLayout Layout, IReadOnlyList<Guid> StillUsed) : ISnapshotProtocolMessage;

/// <summary>Coordinator → coordinator, answering <see cref="ShareLayout"/>.</summary>
internal sealed record LayoutShared(Guid Layout) : ISnapshotProtocolMessage;

/// <summary>
/// Participant → the <see cref="MarkerFanOut"/> of another node, once per node when it records: a marker for each
/// participant of that node it has a channel to.
/// </summary>
internal sealed record NodeMarker(SnapshotPlan Plan) : ISnapshotProtocolMessage;

/// <summary>Coordinator → participant: record now and send markers (if no marker got there first).</summary>
internal sealed record Initiate(SnapshotPlan Plan) : ISnapshotProtocolMessage;

/// <summary>
/// Coordinator → the initiator it was asked for, for a stamped layout: record first, then initiate every other member
/// (as <see cref="NodeInitiate"/> on other nodes), so that every member records after the initiator did.
/// </summary>
internal sealed record InitiateFirst(SnapshotPlan Plan) : ISnapshotProtocolMessage;

/// <summary>
/// Coordinator (or a first initiator) → the marker fan-out of each other node with members, for a stamped layout: the fan-out opens the snapshot
/// on its node and initiates every member there, one message per node instead of one per member.
/// </summary>
internal sealed record NodeInitiate(SnapshotPlan Plan) : ISnapshotProtocolMessage;

/// <summary>
/// A node → the marker fan-out of each other node with members, for a stamped layout: the record notices of the members of
/// the sender's node at <paramref name="Positions"/> in the layout, each sent after the member recorded and before anything
/// it told afterwards (<see cref="Snapshot.Algorithm.NoticeOutbox{TPeer,TSnapshot}"/>): that node ticks its clock for each,
/// behind every message the member told before.
/// </summary>
internal sealed record RecordNotices(SnapshotPlan Plan, IReadOnlyList<int> Positions) : ISnapshotProtocolMessage
{
    /// <summary>The most positions one message carries: 32 KB of them, well inside Akka.Remote's default frame of 128,000 bytes.</summary>
    public const int MaxPositions = 8192;
}

/// <summary>
/// A node → each of its members, for a stamped layout, once the node has seen every member record: every message sent
/// to the member before its sender recorded is ahead of this in its mailbox, so its part is complete when it gets here.
/// </summary>
internal sealed record Flush(SnapshotPlan Plan) : ISnapshotProtocolMessage;

/// <summary>Coordinator → participant: the snapshot failed; drop its recordings and say what was still missing.</summary>
internal sealed record Abandon(SnapshotId Id, DateTime DeadlineUtc) : ISnapshotProtocolMessage;

/// <summary>Participant → coordinator, answering <see cref="Abandon"/>.</summary>
internal sealed record Abandoned(SnapshotId Id, IActorRef Participant, bool HadRecorded, IReadOnlyList<IActorRef> AwaitingMarkersFrom)
    : ISnapshotProtocolMessage;

/// <summary>Participant → coordinator: its finished part.</summary>
internal sealed record LocalPart(
    SnapshotId Id,
    IActorRef Participant,
    object? State,
    IReadOnlyList<object> Stashed,
    IReadOnlyList<RecordedMessage<IActorRef, object>> Recorded) : ISnapshotProtocolMessage;

/// <summary>Participant → coordinator: it cannot finish its part.</summary>
internal sealed record PartFailed(SnapshotId Id, IActorRef Participant, SnapshotFailureReason Reason, string Detail)
    : ISnapshotProtocolMessage;

/// <summary>Participant → coordinator, from each new actor instance: join a group (again, after a restart).</summary>
/// <param name="Incarnation">Tells a restarted instance, which lost its recordings, from the one before.</param>
/// <param name="DeclaredOutgoing">The members it sends to; null for every member of its group.</param>
internal sealed record Register(string Group, IActorRef Participant, Guid Incarnation, IReadOnlyCollection<IActorRef>? DeclaredOutgoing, bool Stamped = false)
    : ISnapshotProtocolMessage;

/// <summary>Anyone → coordinator: take a snapshot and send the <see cref="GlobalSnapshot"/> or a failure to <paramref name="ReplyTo"/>.</summary>
/// <param name="Caller">The span current where the snapshot was requested: the parent of the snapshot's span.</param>
internal sealed record Take(string Group, IActorRef? Initiator, TimeSpan Timeout, IActorRef ReplyTo, Guid Request, ActivityContext Caller = default)
    : ISnapshotProtocolMessage;

/// <summary>Anyone → coordinator: the caller of the request gave up.</summary>
internal sealed record CancelTake(Guid Request) : ISnapshotProtocolMessage;

/// <summary>Anyone → coordinator: which participants a group has now. Answered with an <see cref="IReadOnlyList{IActorRef}"/>.</summary>
internal sealed record GetParticipants(string Group) : ISnapshotProtocolMessage;

/// <summary>Anyone → coordinator: reply with <c>true</c> once <paramref name="Count"/> participants of the group are registered on this node.</summary>
internal sealed record WaitForParticipants(string Group, int Count) : ISnapshotProtocolMessage;

/// <summary>Coordinator → coordinator of another node: which participants of the group you have.</summary>
/// <param name="Known">The version of that node's list the asker holds (<see cref="Guid.Empty"/> for none): unchanged, it is not sent again.</param>
internal sealed record CollectMembers(Guid Request, string Group, Guid Known) : ISnapshotProtocolMessage;

/// <summary>A participant as its node's coordinator knows it.</summary>
/// <param name="DeclaredOutgoing">The participants it tells; null for every member of its group.</param>
/// <param name="Incarnation">The actor instance that registered; empty when unknown.</param>
internal sealed record GroupMember(IActorRef Participant, IReadOnlyCollection<IActorRef>? DeclaredOutgoing, Guid Incarnation = default, bool Stamped = false);

/// <summary>Coordinator → coordinator, answering <see cref="CollectMembers"/>.</summary>
/// <param name="Version">The version of the node's list, new whenever its members change; <see cref="Guid.Empty"/> for a group it does not have.</param>
/// <param name="Members">The list; null when it is the version the asker said it holds.</param>
internal sealed record CollectedMembers(Guid Request, Guid Version, IReadOnlyList<GroupMember>? Members) : ISnapshotProtocolMessage;

/// <summary>
/// Coordinator → coordinators of the other nodes: the remote association between <paramref name="Node"/> and
/// <paramref name="Peer"/> dropped or was quarantined (<paramref name="How"/>), so the snapshots spanning both fail.
/// </summary>
internal sealed record AssociationLost(Address Node, Address Peer, string How) : ISnapshotProtocolMessage;

/// <summary>
/// Coordinator → coordinators of the other nodes: <paramref name="Participant"/>, registered with the sender, stopped.
/// They fail the snapshots still waiting for its part, and drop it from the members they are gathering. A coordinator
/// hears of the stop of another node's participant this way, one message per node, instead of watching every remote
/// participant itself: that would be a remote watch (a system message) per participant and coordinator, and Akka
/// declares a node dead once 20,000 of them are unacknowledged (<c>akka.remote.system-message-buffer-size</c>).
/// </summary>
internal sealed record ParticipantGone(IActorRef Participant) : ISnapshotProtocolMessage;

/// <summary>
/// Coordinator → coordinator: one piece of a protocol message too large for one remote frame (a layout or a member list
/// of thousands of participants), which the receiver puts together and handles as if it had come whole.
/// </summary>
internal sealed record MessagePiece(Guid Message, string Manifest, int Index, int Count, byte[] Bytes) : ISnapshotProtocolMessage;

/// <summary>
/// Coordinator → coordinator of another node: one piece of batch <paramref name="Batch"/> of the serialized parts
/// that the participants of <paramref name="Source"/>'s node finished for snapshot <paramref name="Id"/>. Batches
/// travel in pieces so that one larger than the remote transport's frame still arrives.
/// </summary>
internal sealed record PartBatchChunk(SnapshotId Id, IActorRef Source, int Batch, int Index, int Count, byte[] Bytes) : ISnapshotProtocolMessage;

/// <summary>Participant → coordinator of its own node: send this part to the snapshot's coordinator on another node, batched.</summary>
internal sealed record PartToSend(SnapshotPlan Plan, LocalPart Part);

/// <summary>
/// Anyone on the same node → its coordinator or one of its participants: how many entries each of the runtime's own tables
/// there holds, answered with <see cref="TableSizesRead"/>. Asked by message because the tables are the actor's state.
/// </summary>
internal sealed record ReadTableSizes : ISnapshotProtocolMessage
{
    public static readonly ReadTableSizes Instance = new();
}

/// <summary>
/// Answers <see cref="ReadTableSizes"/>, on the asker's node only: it is not part of the wire format.
/// </summary>
/// <param name="LocalParticipants">From a coordinator, the participants registered on its node, which keep tables of their own; empty from a participant.</param>
internal sealed record TableSizesRead(IReadOnlyList<TableSize> Sizes, IReadOnlyList<IActorRef> LocalParticipants) : INoSerializationVerificationNeeded;
