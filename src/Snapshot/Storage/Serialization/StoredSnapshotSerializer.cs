using System.Runtime.Serialization;
using System.Security.Cryptography;
using Akka.Actor;
using Akka.Serialization;
using Snapshot.Runtime.Serialization;
using Snapshot.Storage.Internal;

namespace Snapshot.Storage.Serialization;

/// <summary>
/// The stored format of snapshots and of the store's catalog, bound to <see cref="IStoredRecord"/> in reference.conf
/// with the identifier 4181. The manifest names the record and the format's version (<c>S3</c>: a snapshot, format 3;
/// <c>C2</c>: the catalog, format 2), so a store written by a later version is refused by name instead of misread.
/// Both end with the SHA-256 of the bytes before it, so a stored record changed after it was written (a disk error,
/// an edit) is refused instead of read back with other values. Snapshots of formats 1 and 2 (<c>S1</c>, <c>S2</c>)
/// and catalogs of format 1 (<c>C1</c>), which carry no checksum, are still read.
/// Fields are written as the protocol's are (<see cref="ProtocolWriter"/>); application objects arrive already
/// serialized, with their serializer's identifier and manifest.
/// </summary>
internal sealed class StoredSnapshotSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    // Stored data outlives the code that wrote it: a change to a layout is a new manifest, and the old one stays readable.
    internal const string SnapshotManifest = "S3";
    internal const string CatalogManifest = "C2";

    // Format 1 wrote every channel, empty ones included, and no count; format 2 no checksum and no periodic flag,
    // and catalog format 1 no checksum: read, never written.
    internal const string SnapshotFormat1Manifest = "S1";
    internal const string SnapshotFormat2Manifest = "S2";
    internal const string CatalogFormat1Manifest = "C1";

    private const int ChecksumLength = SHA256.HashSizeInBytes;

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
        var body = writer.ToArray();
        var bytes = new byte[body.Length + ChecksumLength];
        body.CopyTo(bytes, 0);
        SHA256.HashData(body, bytes.AsSpan(body.Length));
        return bytes;
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        object record = manifest switch
        {
            SnapshotManifest => Read(Checked(bytes, manifest), manifest, ReadSnapshot),
            SnapshotFormat2Manifest => Read(bytes, manifest, ReadSnapshotFormat2),
            SnapshotFormat1Manifest => Read(bytes, manifest, ReadSnapshotFormat1),
            CatalogManifest or CatalogFormat1Manifest => Read(manifest == CatalogManifest ? Checked(bytes, manifest) : bytes, manifest, ReadCatalog),
            _ => throw new SerializationException(
                $"Stored snapshot format [{manifest}] is not one this version of the Snapshot library reads ({SnapshotFormat1Manifest} to {SnapshotManifest} for snapshots, {CatalogFormat1Manifest} and {CatalogManifest} for the catalog): was it stored by a newer version?"),
        };
        return record;
    }

    private object Read(byte[] bytes, string manifest, Func<ProtocolReader, object> read)
    {
        var reader = new ProtocolReader(bytes, manifest, Identifier, system, "stored snapshot record");
        var record = read(reader);
        reader.ReadEnd();
        return record;
    }

    /// <summary>The bytes before the checksum, when it is the SHA-256 of them.</summary>
    private static byte[] Checked(byte[] bytes, string manifest)
    {
        if (bytes.Length < ChecksumLength)
            throw new SerializationException($"stored snapshot record [{manifest}] of {bytes.Length} bytes is cut short: too short for its checksum");
        var body = bytes[..^ChecksumLength];
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes.AsSpan(body.Length)))
            throw new SerializationException($"stored snapshot record [{manifest}] of {bytes.Length} bytes fails its checksum: it was changed after it was written");
        return body;
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
        writer.WriteBool(snapshot.Periodic);
    }

    /// <summary>Format 3: format 2 followed by the periodic flag (the checksum is checked before).</summary>
    private static StoredSnapshot ReadSnapshot(ProtocolReader reader)
    {
        var snapshot = ReadSnapshotFormat2(reader);
        return snapshot with { Periodic = reader.ReadBool() };
    }

    private static StoredSnapshot ReadSnapshotFormat2(ProtocolReader reader)
    {
        var (id, group, paths, initiator, processes) = ReadSnapshotStart(reader);
        var channels = ReadChannels(reader);
        var channelCount = reader.ReadInt64();
        if (channels.FirstOrDefault(c => c.Messages.Count == 0) is { } empty)
            throw reader.Malformed($"the channel {empty.From} → {empty.To} is written with no message");
        if (channelCount < channels.Count)
            throw reader.Malformed($"{channelCount} channels, fewer than the {channels.Count} written");
        return new StoredSnapshot(id, group, paths, initiator, processes, channels, channelCount, ReadDateTimeOffset(reader), ReadDateTimeOffset(reader), Periodic: false);
    }

    /// <summary>Format 1: every channel written, empty ones included, and no count; read into what format 2 holds.</summary>
    private static StoredSnapshot ReadSnapshotFormat1(ProtocolReader reader)
    {
        var (id, group, paths, initiator, processes) = ReadSnapshotStart(reader);
        var channels = ReadChannels(reader);
        return new StoredSnapshot(id, group, paths, initiator, processes, [.. channels.Where(c => c.Messages.Count > 0)], channels.Count,
            ReadDateTimeOffset(reader), ReadDateTimeOffset(reader), Periodic: false);
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
