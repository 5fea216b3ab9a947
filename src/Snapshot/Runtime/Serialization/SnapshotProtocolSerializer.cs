using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;
using Snapshot.Algorithm;
using Snapshot.Restore.Internal;
using Snapshot.Runtime.Internal;

namespace Snapshot.Runtime.Serialization;

/// <summary>
/// The wire format of every <see cref="ISnapshotProtocolMessage"/>, bound to them in reference.conf. A message
/// travels as a short manifest naming its kind and its fields in a fixed order; no type name is ever sent or read.
/// Actor refs travel as paths; states and application messages with the serializers the application bound to them.
/// Its identifier, 4180, is set in reference.conf under <c>akka.actor.serialization-identifiers</c>.
/// </summary>
internal sealed class SnapshotProtocolSerializer : SerializerWithStringManifest
{
    // The manifests are part of the wire format: changing one breaks talking to nodes that run the previous version.
    private const string MarkerManifest = "M";
    private const string NodeMarkerManifest = "NM";
    private const string InitiateManifest = "I";
    private const string AbandonManifest = "A";
    private const string AbandonedManifest = "AD";
    private const string LocalPartManifest = "LP";
    private const string PartFailedManifest = "PF";
    private const string RegisterManifest = "R";
    private const string TakeManifest = "T";
    private const string CancelTakeManifest = "CT";
    private const string GetParticipantsManifest = "GP";
    private const string WaitForParticipantsManifest = "WP";
    private const string CollectMembersManifest = "CM";
    private const string CollectedMembersManifest = "CD";
    private const string PartBatchChunkManifest = "PC";
    private const string AssociationLostManifest = "AL";
    private const string ParticipantGoneManifest = "PG";
    private const string ReplayMessageManifest = "RM";
    private const string ReplayEndManifest = "RE";
    private const string ReplayDeliveredManifest = "RD";
    private const string ReplayRefusedManifest = "RR";
    private const string ShareLayoutManifest = "SL";
    private const string LayoutSharedManifest = "LS";
    private const string NodeInitiateManifest = "NI";
    private const string InitiateFirstManifest = "IF";
    private const string RecordNoticesManifest = "RB";
    private const string FlushManifest = "FL";
    private const string MessagePieceManifest = "MP";
    private const string ReadTableSizesManifest = "TS";

    private LayoutRegistry? _layouts;
    private readonly Dictionary<Type, MessageFormat> _formatByType;
    private readonly Dictionary<string, MessageFormat> _formatByManifest;

    public SnapshotProtocolSerializer(ExtendedActorSystem system) : base(system)
    {
        MessageFormat[] formats =
        [
            Format<Marker>(MarkerManifest, (w, m) => w.WritePlan(m.Plan), r => new Marker(r.ReadPlan(Layouts))),
            Format<NodeMarker>(NodeMarkerManifest, (w, m) => w.WritePlan(m.Plan), r => new NodeMarker(r.ReadPlan(Layouts))),
            Format<Initiate>(InitiateManifest, (w, m) => w.WritePlan(m.Plan), r => new Initiate(r.ReadPlan(Layouts))),
            Format<InitiateFirst>(InitiateFirstManifest, (w, m) => w.WritePlan(m.Plan), r => new InitiateFirst(r.ReadPlan(Layouts))),
            Format<NodeInitiate>(NodeInitiateManifest, (w, m) => w.WritePlan(m.Plan), r => new NodeInitiate(r.ReadPlan(Layouts))),
            Format<RecordNotices>(RecordNoticesManifest,
                (w, m) =>
                {
                    w.WritePlan(m.Plan);
                    w.WriteList(m.Positions, w.WriteInt32);
                },
                r => new RecordNotices(r.ReadPlan(Layouts), r.ReadList(r.ReadInt32))),
            Format<Flush>(FlushManifest, (w, m) => w.WritePlan(m.Plan), r => new Flush(r.ReadPlan(Layouts))),
            Format<Abandon>(AbandonManifest,
                (w, m) =>
                {
                    w.WriteId(m.Id);
                    w.WriteDateTime(m.DeadlineUtc);
                },
                r => new Abandon(r.ReadId(), r.ReadDateTime())),
            Format<Abandoned>(AbandonedManifest,
                (w, m) =>
                {
                    w.WriteId(m.Id);
                    w.WriteRef(m.Participant);
                    w.WriteBool(m.HadRecorded);
                    w.WriteRefs(m.AwaitingMarkersFrom);
                },
                r => new Abandoned(r.ReadId(), r.ReadRef(), r.ReadBool(), r.ReadRefs())),
            Format<LocalPart>(LocalPartManifest,
                (w, m) =>
                {
                    w.WriteId(m.Id);
                    w.WriteRef(m.Participant);
                    w.WriteOptional(m.State, w.WritePayload);
                    w.WritePayloads(m.Stashed);
                    w.WriteList(m.Recorded, recorded =>
                    {
                        w.WriteRef(recorded.From);
                        w.WriteRef(recorded.To);
                        w.WritePayload(recorded.Message);
                    });
                },
                r => new LocalPart(r.ReadId(), r.ReadRef(), r.ReadOptional(r.ReadPayload), r.ReadPayloads(),
                    r.ReadList(() => new RecordedMessage<IActorRef, object>(r.ReadRef(), r.ReadRef(), r.ReadPayload())))),
            Format<PartFailed>(PartFailedManifest,
                (w, m) =>
                {
                    w.WriteId(m.Id);
                    w.WriteRef(m.Participant);
                    w.WriteEnum(m.Reason);
                    w.WriteString(m.Detail);
                },
                r => new PartFailed(r.ReadId(), r.ReadRef(), r.ReadEnum<SnapshotFailureReason>(), r.ReadString())),
            Format<Register>(RegisterManifest,
                (w, m) =>
                {
                    w.WriteString(m.Group);
                    w.WriteRef(m.Participant);
                    w.WriteGuid(m.Incarnation);
                    w.WriteOptional(m.DeclaredOutgoing, w.WriteRefs);
                    w.WriteBool(m.Stamped);
                },
                r => new Register(r.ReadString(), r.ReadRef(), r.ReadGuid(), r.ReadOptional(r.ReadRefs), r.ReadBool())),
            Format<Take>(TakeManifest,
                (w, m) =>
                {
                    w.WriteString(m.Group);
                    w.WriteOptional(m.Initiator, w.WriteRef);
                    w.WriteTimeSpan(m.Timeout);
                    w.WriteRef(m.ReplyTo);
                    w.WriteGuid(m.Request);
                    w.WriteTraceContext(m.Caller);
                },
                r => new Take(r.ReadString(), r.ReadOptional(r.ReadRef), r.ReadTimeSpan(), r.ReadRef(), r.ReadGuid(), r.ReadTraceContext())),
            Format<CancelTake>(CancelTakeManifest, (w, m) => w.WriteGuid(m.Request), r => new CancelTake(r.ReadGuid())),
            Format<GetParticipants>(GetParticipantsManifest, (w, m) => w.WriteString(m.Group), r => new GetParticipants(r.ReadString())),
            Format<WaitForParticipants>(WaitForParticipantsManifest,
                (w, m) =>
                {
                    w.WriteString(m.Group);
                    w.WriteInt32(m.Count);
                },
                r => new WaitForParticipants(r.ReadString(), r.ReadInt32())),
            Format<CollectMembers>(CollectMembersManifest,
                (w, m) =>
                {
                    w.WriteGuid(m.Request);
                    w.WriteString(m.Group);
                    w.WriteGuid(m.Known);
                },
                r => new CollectMembers(r.ReadGuid(), r.ReadString(), r.ReadGuid())),
            Format<CollectedMembers>(CollectedMembersManifest,
                (w, m) =>
                {
                    w.WriteGuid(m.Request);
                    w.WriteGuid(m.Version);
                    w.WriteOptional(m.Members, members => w.WriteList(members, member =>
                    {
                        w.WriteRef(member.Participant);
                        w.WriteOptional(member.DeclaredOutgoing, w.WriteRefs);
                        w.WriteGuid(member.Incarnation);
                        w.WriteBool(member.Stamped);
                    }));
                },
                r => new CollectedMembers(r.ReadGuid(), r.ReadGuid(),
                    r.ReadOptional(() => r.ReadList(() => new GroupMember(r.ReadRef(), r.ReadOptional(r.ReadRefs), r.ReadGuid(), r.ReadBool()))))),
            Format<ReadTableSizes>(ReadTableSizesManifest, (_, _) => { }, _ => ReadTableSizes.Instance),
            Format<MessagePiece>(MessagePieceManifest,
                (w, m) =>
                {
                    w.WriteGuid(m.Message);
                    w.WriteString(m.Manifest);
                    w.WriteInt32(m.Index);
                    w.WriteInt32(m.Count);
                    w.WriteBytes(m.Bytes);
                },
                r => new MessagePiece(r.ReadGuid(), r.ReadString(), r.ReadInt32(), r.ReadInt32(), r.ReadBytes())),
            Format<PartBatchChunk>(PartBatchChunkManifest,
                (w, m) =>
                {
                    w.WriteId(m.Id);
                    w.WriteRef(m.Source);
                    w.WriteInt32(m.Batch);
                    w.WriteInt32(m.Index);
                    w.WriteInt32(m.Count);
                    w.WriteBytes(m.Bytes);
                },
                r => new PartBatchChunk(r.ReadId(), r.ReadRef(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadBytes())),
            Format<ParticipantGone>(ParticipantGoneManifest, (w, m) => w.WriteRef(m.Participant), r => new ParticipantGone(r.ReadRef())),
            Format<AssociationLost>(AssociationLostManifest,
                (w, m) =>
                {
                    w.WriteAddress(m.Node);
                    w.WriteAddress(m.Peer);
                    w.WriteString(m.How);
                },
                r => new AssociationLost(r.ReadAddress(), r.ReadAddress(), r.ReadString())),
            Format<ReplayMessage>(ReplayMessageManifest,
                (w, m) =>
                {
                    w.WriteGuid(m.Restore);
                    w.WriteOptional(m.Sender, w.WriteRef);
                    w.WritePayload(m.Message);
                },
                r => new ReplayMessage(r.ReadGuid(), r.ReadOptional(r.ReadRef), r.ReadPayload())),
            Format<ReplayEnd>(ReplayEndManifest,
                (w, m) =>
                {
                    w.WriteGuid(m.Restore);
                    w.WriteInt32(m.Count);
                },
                r => new ReplayEnd(r.ReadGuid(), r.ReadInt32())),
            Format<ReplayDelivered>(ReplayDeliveredManifest,
                (w, m) =>
                {
                    w.WriteGuid(m.Restore);
                    w.WriteRef(m.Participant);
                    w.WriteString(m.Group);
                },
                r => new ReplayDelivered(r.ReadGuid(), r.ReadRef(), r.ReadString())),
            Format<ReplayRefused>(ReplayRefusedManifest,
                (w, m) =>
                {
                    w.WriteGuid(m.Restore);
                    w.WriteRef(m.Participant);
                    w.WriteString(m.Reason);
                },
                r => new ReplayRefused(r.ReadGuid(), r.ReadRef(), r.ReadString())),
            Format<ShareLayout>(ShareLayoutManifest,
                (w, m) =>
                {
                    w.WriteString(m.Group);
                    w.WriteLayout(m.Layout);
                    w.WriteList(m.StillUsed, w.WriteGuid);
                },
                r => new ShareLayout(r.ReadString(), r.ReadLayout(), r.ReadList(r.ReadGuid))),
            Format<LayoutShared>(LayoutSharedManifest, (w, m) => w.WriteGuid(m.Layout), r => new LayoutShared(r.ReadGuid())),
        ];
        _formatByType = formats.ToDictionary(f => f.Type);
        _formatByManifest = formats.ToDictionary(f => f.Manifest);
    }

    // Found on first use: the serializer is made before the extensions of its ActorSystem.
    private LayoutRegistry Layouts => _layouts ??= LayoutRegistry.Get(system);

    public override string Manifest(object o) => FormatOf(o).Manifest;

    /// <summary>What this node sent to others: every call of <see cref="ToBinary"/> is Akka.Remote sending one message.</summary>
    public ProtocolTraffic Sent { get; } = new();

    public override byte[] ToBinary(object obj)
    {
        var bytes = Write(obj, out var format);
        Sent.Add(format.Manifest, bytes.Length);
        return bytes;
    }

    /// <summary>The bytes of <paramref name="message"/>, for a sender that sends them itself (in pieces): not counted as sent.</summary>
    public byte[] Write(object message) => Write(message, out _);

    /// <summary>The bytes of a batch of parts, each serialized by <see cref="Write(object)"/>, as <see cref="PartBatchChunk"/>s carry them.</summary>
    public byte[] WritePartBatch(IReadOnlyList<byte[]> parts)
    {
        var writer = new ProtocolWriter(system);
        writer.WriteList(parts, writer.WriteBytes);
        return writer.ToArray();
    }

    /// <summary>The parts a batch holds.</summary>
    /// <exception cref="SerializationException">The bytes are not a batch of parts.</exception>
    public IReadOnlyList<LocalPart> ReadPartBatch(byte[] bytes)
    {
        var reader = new ProtocolReader(bytes, PartBatchChunkManifest, Identifier, system, "batch of parts");
        var parts = reader.ReadList(reader.ReadBytes);
        reader.ReadEnd();
        return [.. parts.Select(ReadPart)];
    }

    // A part whose state or messages cannot be read is named by its participant, which comes before them.
    private LocalPart ReadPart(byte[] part)
    {
        try
        {
            return (LocalPart)FromBinary(part, LocalPartManifest);
        }
        catch (SerializationException e)
        {
            var reader = new ProtocolReader(part, LocalPartManifest, Identifier, system);
            reader.ReadId();
            throw new SerializationException($"the part of {reader.ReadRef().Path}: {e.Message}", e);
        }
    }

    private byte[] Write(object message, out MessageFormat format)
    {
        format = FormatOf(message);
        var writer = new ProtocolWriter(system);
        format.Write(writer, message);
        return writer.ToArray();
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (!_formatByManifest.TryGetValue(manifest, out var format))
            throw new SerializationException($"Unknown snapshot protocol manifest [{manifest}] in [{GetType()}]: a node with another version of the Snapshot library?");
        var reader = new ProtocolReader(bytes, manifest, Identifier, system);
        var message = format.Read(reader);
        reader.ReadEnd();
        return message;
    }

    private MessageFormat FormatOf(object message) =>
        _formatByType.TryGetValue(message.GetType(), out var format)
            ? format
            : throw new ArgumentException($"Cannot serialize object of type [{message.GetType()}] in [{GetType()}]");

    private static MessageFormat Format<TMessage>(string manifest, Action<ProtocolWriter, TMessage> write, Func<ProtocolReader, TMessage> read)
        where TMessage : class, ISnapshotProtocolMessage =>
        new(typeof(TMessage), manifest, (writer, message) => write(writer, (TMessage)message), reader => read(reader));

    /// <summary>How one kind of message is written and read back; both sides list the fields in the same order.</summary>
    private sealed record MessageFormat(Type Type, string Manifest, Action<ProtocolWriter, object> Write, Func<ProtocolReader, object> Read);
}
