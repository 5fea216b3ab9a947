using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;
using Snapshot.Runtime.Serialization;
using Snapshot.Storage.Internal;

namespace Snapshot.Storage.Serialization;

/// <summary>
/// The stored format of snapshots and of the store's catalog, bound to <see cref="IStoredRecord"/> in reference.conf
/// with the identifier 4181. The manifest names the record and the format's version (<c>S2</c>: a snapshot, format 2;
/// <c>C1</c>: the catalog, format 1), so a store written by a later version is refused by name instead of misread.
/// Snapshots of format 1 (<c>S1</c>, every channel written, empty ones included) are still read.
/// Fields are written as the protocol's are (<see cref="ProtocolWriter"/>); application objects arrive already
/// serialized, with their serializer's identifier and manifest.
/// </summary>
internal sealed class StoredSnapshotSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    // Stored data outlives the code that wrote it: a change to a layout is a new manifest, and the old one stays readable.
    internal const string SnapshotManifest = "S2";
    internal const string CatalogManifest = "C1";

    // Format 1 wrote every channel, empty ones included, and no count: read, never written.
    internal const string SnapshotFormat1Manifest = "S1";

    public override string Manifest(object o) => o switch
    {
        StoredSnapshot => SnapshotManifest,
        SnapshotCatalog => CatalogManifest,
        _ => throw new ArgumentException($"Cannot serialize object of type [{o.GetType()}] in [{GetType()}]"),
    };

    public override byte[] ToBinary(object obj)
    {
        var writer = new ProtocolWriter(system);
        switch (obj)
        {
            case StoredSnapshot snapshot:
                Write(writer, snapshot);
                break;
            case SnapshotCatalog catalog:
                Write(writer, catalog);
                break;
            default:
                throw new ArgumentException($"Cannot serialize object of type [{obj.GetType()}] in [{GetType()}]");
        }
        return writer.ToArray();
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        var reader = new ProtocolReader(bytes, manifest, Identifier, system, "stored snapshot record");
        object record = manifest switch
        {
            SnapshotManifest => ReadSnapshot(reader),
            SnapshotFormat1Manifest => ReadSnapshotFormat1(reader),
            CatalogManifest => ReadCatalog(reader),
            _ => throw new SerializationException(
                $"Stored snapshot format [{manifest}] is not one this version of the Snapshot library reads ({SnapshotFormat1Manifest} and {SnapshotManifest} for snapshots, {CatalogManifest} for the catalog): was it stored by a newer version?"),
        };
        reader.ReadEnd();
        return record;
    }

    private static void Write(ProtocolWriter writer, StoredSnapshot snapshot)
    {
        writer.WriteInt64(snapshot.SnapshotId);
        writer.WriteString(snapshot.Group);
        writer.WriteList(snapshot.Paths, writer.WriteString);
        writer.WriteInt32(snapshot.Initiator ?? -1);
        writer.WriteList(snapshot.Processes, process =>
        {
            writer.WriteInt32(process.Participant);
            writer.WriteOptional(process.State, payload => Write(writer, payload));
            writer.WriteList(process.Stashed, payload => Write(writer, payload));
        });
        writer.WriteList(snapshot.Channels, channel =>
        {
            writer.WriteInt32(channel.From);
            writer.WriteInt32(channel.To);
            writer.WriteList(channel.Messages, payload => Write(writer, payload));
        });
        writer.WriteInt64(snapshot.ChannelCount);
        Write(writer, snapshot.StartedAt);
        Write(writer, snapshot.CompletedAt);
    }

    private static StoredSnapshot ReadSnapshot(ProtocolReader reader)
    {
        var (id, group, paths, initiator, processes) = ReadSnapshotStart(reader);
        var channels = ReadChannels(reader);
        var channelCount = reader.ReadInt64();
        if (channels.FirstOrDefault(c => c.Messages.Count == 0) is { } empty)
            throw reader.Malformed($"the channel {empty.From} → {empty.To} is written with no message");
        if (channelCount < channels.Count)
            throw reader.Malformed($"{channelCount} channels, fewer than the {channels.Count} written");
        return new StoredSnapshot(id, group, paths, initiator, processes, channels, channelCount, ReadDateTimeOffset(reader), ReadDateTimeOffset(reader));
    }

    /// <summary>Format 1: every channel written, empty ones included, and no count; read into what format 2 holds.</summary>
    private static StoredSnapshot ReadSnapshotFormat1(ProtocolReader reader)
    {
        var (id, group, paths, initiator, processes) = ReadSnapshotStart(reader);
        var channels = ReadChannels(reader);
        return new StoredSnapshot(id, group, paths, initiator, processes, [.. channels.Where(c => c.Messages.Count > 0)], channels.Count,
            ReadDateTimeOffset(reader), ReadDateTimeOffset(reader));
    }

    /// <summary>The fields both formats start with, up to the processes.</summary>
    private static (long Id, string Group, IReadOnlyList<string> Paths, int? Initiator, IReadOnlyList<StoredProcess> Processes) ReadSnapshotStart(ProtocolReader reader) => (
        reader.ReadInt64(),
        reader.ReadString(),
        reader.ReadList(reader.ReadString),
        reader.ReadInt32() is var initiator and >= 0 ? initiator : null,
        reader.ReadList(() => new StoredProcess(reader.ReadInt32(), reader.ReadOptional(() => ReadPayload(reader)), reader.ReadList(() => ReadPayload(reader)))));

    private static IReadOnlyList<StoredChannel> ReadChannels(ProtocolReader reader) =>
        reader.ReadList(() => new StoredChannel(reader.ReadInt32(), reader.ReadInt32(), reader.ReadList(() => ReadPayload(reader))));

    private static void Write(ProtocolWriter writer, SnapshotCatalog catalog)
    {
        writer.WriteInt64(catalog.Version);
        writer.WriteInt64(catalog.NextId);
        writer.WriteList(catalog.Entries, entry =>
        {
            writer.WriteInt64(entry.Id);
            writer.WriteString(entry.Group);
            writer.WriteInt32(entry.Participants);
            writer.WriteInt32(entry.MessagesInFlight);
            Write(writer, entry.StartedAt);
            Write(writer, entry.CompletedAt);
            writer.WriteBool(entry.Periodic);
        });
    }

    private static SnapshotCatalog ReadCatalog(ProtocolReader reader) => new(
        reader.ReadInt64(),
        reader.ReadInt64(),
        reader.ReadList(() => new StoredSnapshotInfo(
            reader.ReadInt64(),
            reader.ReadString(),
            reader.ReadInt32(),
            reader.ReadInt32(),
            ReadDateTimeOffset(reader),
            ReadDateTimeOffset(reader),
            reader.ReadBool())));

    private static void Write(ProtocolWriter writer, StoredPayload payload)
    {
        writer.WriteInt32(payload.SerializerId);
        writer.WriteString(payload.Manifest);
        writer.WriteBytes(payload.Bytes);
    }

    private static StoredPayload ReadPayload(ProtocolReader reader) => new(reader.ReadInt32(), reader.ReadString(), reader.ReadBytes());

    // The instant and the offset it was taken in, so that a snapshot reads back with the very value it had.
    private static void Write(ProtocolWriter writer, DateTimeOffset value)
    {
        writer.WriteInt64(value.UtcTicks);
        writer.WriteTimeSpan(value.Offset);
    }

    private static DateTimeOffset ReadDateTimeOffset(ProtocolReader reader)
    {
        var utcTicks = reader.ReadInt64();
        var offset = reader.ReadTimeSpan();
        try
        {
            return new DateTimeOffset(utcTicks, TimeSpan.Zero).ToOffset(offset);
        }
        catch (ArgumentException e)
        {
            throw reader.Malformed($"{utcTicks} ticks at offset {offset} is not a time", e);
        }
    }
}
