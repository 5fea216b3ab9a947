using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;
using Snapshot.Algorithm;
using Snapshot.Algorithm.Sharded;
using Snapshot.Runtime;
using Snapshot.Runtime.Serialization;
using Snapshot.Sharding.Internal;

namespace Snapshot.Sharding.Serialization;

/// <summary>
/// The wire format of the sharded snapshot protocol and of <see cref="ShardedSnapshot"/>, bound in reference.conf with the
/// identifier 4182. As the runtime's protocol: a short manifest per kind, fields in a fixed order, entity states and
/// application messages with the serializers the application bound to them.
/// </summary>
internal sealed class ShardedProtocolSerializer : SerializerWithStringManifest
{
    // The manifests are part of the wire format: changing one breaks talking to nodes that run the previous version.
    private readonly Dictionary<Type, MessageFormat> _formatByType;
    private readonly Dictionary<string, MessageFormat> _formatByManifest;

    public ShardedProtocolSerializer(ExtendedActorSystem system) : base(system)
    {
        MessageFormat[] formats =
        [
            Format<ColouredMessage>("CM",
                (w, m) =>
                {
                    w.WriteString(m.TypeName);
                    w.WriteAddress(m.SenderNode);
                    w.WriteString(m.SenderEntity);
                    w.WriteInt64(m.Epoch);
                    w.WritePayload(m.Message);
                },
                r => new ColouredMessage(r.ReadString(), r.ReadAddress(), r.ReadString(), r.ReadInt64(), r.ReadPayload())),
            Format<InitiateEntity>("IE", (_, _) => { }, _ => InitiateEntity.Instance),
            Format<AskOpened>("AO",
                (w, m) =>
                {
                    w.WriteString(m.TypeName);
                    w.WriteGuid(m.Request);
                },
                r => new AskOpened(r.ReadString(), r.ReadGuid())),
            Format<OpenedHere>("OH",
                (w, m) =>
                {
                    w.WriteString(m.TypeName);
                    w.WriteGuid(m.Request);
                    w.WriteAddress(m.Node);
                    w.WriteBool(m.Hosting);
                    w.WriteInt64(m.LastOpened);
                },
                r => new OpenedHere(r.ReadString(), r.ReadGuid(), r.ReadAddress(), r.ReadBool(), r.ReadInt64())),
            Format<OpenSharded>("OS", (w, m) => WriteSnapshot(w, m.TypeName, m.Snapshot), r => new OpenSharded(r.ReadString(), r.ReadInt64())),
            Format<CloseSharded>("CS", (w, m) => WriteSnapshot(w, m.TypeName, m.Snapshot), r => new CloseSharded(r.ReadString(), r.ReadInt64())),
            Format<NodeReports>("NR",
                (w, m) =>
                {
                    WriteSnapshot(w, m.TypeName, m.Snapshot);
                    w.WriteAddress(m.Node);
                    w.WriteList(m.Reports, report => WriteReport(w, report));
                },
                r => new NodeReports(r.ReadString(), r.ReadInt64(), r.ReadAddress(), r.ReadList(() => ReadReport(r)))),
            Format<EntitiesHandedOff>("EH",
                (w, m) =>
                {
                    w.WriteString(m.TypeName);
                    w.WriteList(m.Entities, e =>
                    {
                        w.WriteString(e.EntityId);
                        WriteState(w, e.State);
                        w.WriteInt64(e.Order);
                    });
                },
                r => new EntitiesHandedOff(r.ReadString(), r.ReadList(() => new HandedOffEntity(r.ReadString(), ReadState(r), r.ReadInt64())))),
            Format<EntitiesStarted>("ES",
                (w, m) =>
                {
                    w.WriteString(m.TypeName);
                    w.WriteList(m.EntityIds, w.WriteString);
                },
                r => new EntitiesStarted(r.ReadString(), r.ReadList(r.ReadString))),
            Format<NodeLeft>("NL",
                (w, m) =>
                {
                    w.WriteString(m.TypeName);
                    w.WriteAddress(m.Node);
                    w.WriteInt64(m.Sent);
                    WriteCounts(w, m.Received);
                },
                r => new NodeLeft(r.ReadString(), r.ReadAddress(), r.ReadInt64(), ReadCounts(r))),
            Format<TakeSharded>("TK",
                (w, m) =>
                {
                    w.WriteString(m.TypeName);
                    w.WriteTimeSpan(m.Timeout);
                    w.WriteRef(m.ReplyTo);
                    w.WriteBool(m.Forwarded);
                },
                r => new TakeSharded(r.ReadString(), r.ReadTimeSpan(), r.ReadRef(), r.ReadBool())),
            Format<ShardedTakeFailed>("TF",
                (w, m) =>
                {
                    w.WriteString(m.TypeName);
                    w.WriteBool(m.Snapshot is not null);
                    w.WriteInt64(m.Snapshot ?? 0);
                    w.WriteEnum(m.Reason);
                    w.WriteString(m.Detail);
                },
                r => new ShardedTakeFailed(r.ReadString(), r.ReadBool() ? r.ReadInt64() : Discard(r.ReadInt64()), r.ReadEnum<SnapshotFailureReason>(), r.ReadString())),
            Format<ShardedSnapshot>("SS", WriteSnapshotResult, ReadSnapshotResult),
            Format<SnapshotPiece>("SP",
                (w, m) =>
                {
                    w.WriteGuid(m.Snapshot);
                    w.WriteInt32(m.Index);
                    w.WriteInt32(m.Count);
                    w.WriteBytes(m.Bytes);
                    w.WriteRef(m.ReplyTo);
                },
                r => new SnapshotPiece(r.ReadGuid(), r.ReadInt32(), r.ReadInt32(), r.ReadBytes(), r.ReadRef())),
        ];
        _formatByType = formats.ToDictionary(f => f.Type);
        _formatByManifest = formats.ToDictionary(f => f.Manifest);
    }

    public override string Manifest(object o) => FormatOf(o).Manifest;

    public override byte[] ToBinary(object obj)
    {
        var format = FormatOf(obj);
        var writer = new ProtocolWriter(system);
        format.Write(writer, obj);
        return writer.ToArray();
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (!_formatByManifest.TryGetValue(manifest, out var format))
            throw new SerializationException($"Unknown sharded snapshot protocol manifest [{manifest}] in [{GetType()}]: a node with another version of Snapshot.Sharding?");
        var reader = new ProtocolReader(bytes, manifest, Identifier, system, "sharded snapshot protocol message");
        var message = format.Read(reader);
        reader.ReadEnd();
        return message;
    }

    private static long? Discard(long _) => null;

    private static void WriteSnapshot(ProtocolWriter w, string typeName, long snapshot)
    {
        w.WriteString(typeName);
        w.WriteInt64(snapshot);
    }

    private static void WriteState(ProtocolWriter w, object? state)
    {
        w.WriteBool(state is not null);
        if (state is not null)
            w.WritePayload(state);
    }

    private static object? ReadState(ProtocolReader r) => r.ReadBool() ? r.ReadPayload() : null;

    private static void WriteCounts(ProtocolWriter w, IReadOnlyDictionary<Address, long> counts) =>
        w.WriteList(counts.ToArray(), count =>
        {
            w.WriteAddress(count.Key);
            w.WriteInt64(count.Value);
        });

    private static IReadOnlyDictionary<Address, long> ReadCounts(ProtocolReader r) =>
        r.ReadList(() => (Node: r.ReadAddress(), Count: r.ReadInt64())).ToDictionary(c => c.Node, c => c.Count);

    private static void WriteReport(ProtocolWriter w, ShardedReport<Address, string, object?, object> report)
    {
        w.WriteInt64(report.Snapshot);
        switch (report)
        {
            case ShardedReport<Address, string, object?, object>.Recorded recorded:
                w.WriteInt32(0);
                w.WriteString(recorded.Entity);
                WriteState(w, recorded.State);
                w.WriteBool(recorded.Passivated);
                w.WriteBool(recorded.Fresh);
                break;
            case ShardedReport<Address, string, object?, object>.Counted counted:
                w.WriteInt32(1);
                w.WriteInt64(counted.Sent);
                WriteCounts(w, counted.Received);
                break;
            case ShardedReport<Address, string, object?, object>.InFlight inFlight:
                w.WriteInt32(2);
                w.WriteAddress(inFlight.SenderNode);
                w.WriteString(inFlight.Message.From);
                w.WriteString(inFlight.Message.To);
                w.WritePayload(inFlight.Message.Message);
                break;
        }
    }

    private static ShardedReport<Address, string, object?, object> ReadReport(ProtocolReader r)
    {
        var snapshot = r.ReadInt64();
        return r.ReadInt32() switch
        {
            0 => new ShardedReport<Address, string, object?, object>.Recorded(snapshot, r.ReadString(), ReadState(r), r.ReadBool(), r.ReadBool()),
            1 => new ShardedReport<Address, string, object?, object>.Counted(snapshot, r.ReadInt64(), ReadCounts(r)),
            2 => new ShardedReport<Address, string, object?, object>.InFlight(snapshot, r.ReadAddress(),
                new RecordedMessage<string, object>(r.ReadString(), r.ReadString(), r.ReadPayload())),
            var kind => throw r.Malformed($"report kind {kind} is none of 0 (recorded), 1 (counted), 2 (in flight)"),
        };
    }

    private static void WriteSnapshotResult(ProtocolWriter w, ShardedSnapshot s)
    {
        w.WriteInt64(s.Id);
        w.WriteString(s.TypeName);
        w.WriteList(s.Entities, e =>
        {
            w.WriteString(e.EntityId);
            WriteState(w, e.State);
            w.WriteBool(e.Passivated);
        });
        w.WriteList(s.InFlight, m =>
        {
            w.WriteString(m.From);
            w.WriteString(m.To);
            w.WritePayload(m.Message);
        });
        w.WriteList(s.Nodes, w.WriteAddress);
        w.WriteInt64(s.StartedAt.UtcTicks);
        w.WriteInt64(s.CompletedAt.UtcTicks);
    }

    private static ShardedSnapshot ReadSnapshotResult(ProtocolReader r) => new(
        r.ReadInt64(),
        r.ReadString(),
        r.ReadList(() => new EntitySnapshot(r.ReadString(), ReadState(r), r.ReadBool())),
        r.ReadList(() => new EntityMessage(r.ReadString(), r.ReadString(), r.ReadPayload())),
        r.ReadList(r.ReadAddress),
        new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero),
        new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero));

    private MessageFormat FormatOf(object message) =>
        _formatByType.TryGetValue(message.GetType(), out var format)
            ? format
            : throw new ArgumentException($"Cannot serialize object of type [{message.GetType()}] in [{GetType()}]");

    private static MessageFormat Format<TMessage>(string manifest, Action<ProtocolWriter, TMessage> write, Func<ProtocolReader, TMessage> read)
        where TMessage : class =>
        new(typeof(TMessage), manifest, (writer, message) => write(writer, (TMessage)message), reader => read(reader));

    /// <summary>How one kind of message is written and read back; both sides list the fields in the same order.</summary>
    private sealed record MessageFormat(Type Type, string Manifest, Action<ProtocolWriter, object> Write, Func<ProtocolReader, object> Read);
}
