using System.Runtime.Serialization;
using Akka.Serialization;
using Akka.TestKit.Xunit2;
using Snapshot.Storage;
using Snapshot.Storage.Internal;
using Snapshot.Storage.Serialization;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests.Storage;

/// <summary>
/// The stored format: bound with identifier 4181, versioned manifests, exact round trips, a checksum that refuses any
/// changed byte, snapshots of formats 1 and 2 and catalogs of format 1 still read, refused when malformed or newer.
/// </summary>
public sealed class StoredSnapshotSerializerSpec : TestKit
{
    private static readonly StoredPayload State = new(17, "", [1, 2, 3]);
    private static readonly StoredPayload Message = new(1, "M", [4]);

    private static readonly StoredSnapshot Snapshot = new(
        SnapshotId: 42,
        Group: "bank",
        Paths: ["akka.tcp://snapshot@127.0.0.1:4053/user/a#1", "akka://snapshot/user/b#-2"],
        Initiator: 1,
        Processes: [new StoredProcess(0, State, []), new StoredProcess(1, null, [Message, State])],
        Channels: [new StoredChannel(0, 1, [Message, Message])],
        ChannelCount: 4,
        StartedAt: new DateTimeOffset(2026, 11, 25, 18, 0, 0, TimeSpan.FromHours(2)).AddTicks(7),
        CompletedAt: new DateTimeOffset(2026, 11, 25, 18, 0, 1, TimeSpan.FromHours(-5)),
        Periodic: true);

    private const int ChecksumLength = 32;

    private static readonly SnapshotCatalog Catalog = new(3, 9,
    [
        new StoredSnapshotInfo(7, "bank", 30, 12, Snapshot.StartedAt, Snapshot.CompletedAt, Periodic: true),
        new StoredSnapshotInfo(8, "other", 1, 0, Snapshot.CompletedAt, Snapshot.CompletedAt, Periodic: false),
    ]);

    // The binding is in the library's reference.conf, which the extension adds to the system's configuration.
    public StoredSnapshotSerializerSpec(ITestOutputHelper output) : base("", output) => GlobalSnapshotStorage.Get(Sys);

    [Fact]
    public void Snapshots_and_the_catalog_are_bound_to_identifier_4181_under_manifests_of_formats_3_and_2()
    {
        Assert.Equal(("S3", 4181), ManifestAndIdentifier(Snapshot));
        Assert.Equal(("C2", 4181), ManifestAndIdentifier(Catalog));
    }

    [Fact]
    public void A_stored_snapshot_comes_back_equal_field_by_field()
    {
        var back = (StoredSnapshot)RoundTrip(Snapshot);

        Assert.Equal((Snapshot.SnapshotId, Snapshot.Group, Snapshot.Initiator), (back.SnapshotId, back.Group, back.Initiator));
        Assert.Equal(Snapshot.Paths, back.Paths);
        Assert.Equal((Snapshot.StartedAt, Snapshot.StartedAt.Offset, Snapshot.CompletedAt, Snapshot.CompletedAt.Offset),
            (back.StartedAt, back.StartedAt.Offset, back.CompletedAt, back.CompletedAt.Offset));
        Assert.Equal(Snapshot.Processes.Select(Describe), back.Processes.Select(Describe));
        Assert.Equal(Snapshot.Channels.Select(Describe), back.Channels.Select(Describe));
        Assert.Equal(4, back.ChannelCount);
        Assert.True(back.Periodic);
        Assert.Null(((StoredSnapshot)RoundTrip(Snapshot with { Initiator = null })).Initiator);
        Assert.False(((StoredSnapshot)RoundTrip(Snapshot with { Periodic = false })).Periodic);
    }

    [Fact]
    public void A_record_with_any_byte_changed_or_cut_shorter_than_its_checksum_is_refused()
    {
        var bytes = Serializer.ToBinary(Snapshot);
        for (var i = 0; i < bytes.Length; i++)
        {
            var edited = bytes.ToArray();
            edited[i] ^= 0x01;
            var error = Assert.Throws<SerializationException>(() => Serializer.FromBinary(edited, "S3"));
            Assert.Equal($"stored snapshot record [S3] of {bytes.Length} bytes fails its checksum: it was changed after it was written", error.Message);
        }
        var catalog = Serializer.ToBinary(Catalog);
        catalog[20] ^= 0x10;
        Assert.Throws<SerializationException>(() => Serializer.FromBinary(catalog, "C2"));
        var cut = Assert.Throws<SerializationException>(() => Serializer.FromBinary(bytes[..10], "S3"));
        Assert.Equal("stored snapshot record [S3] of 10 bytes is cut short: too short for its checksum", cut.Message);
    }

    [Fact]
    public void A_snapshot_of_format_2_reads_as_not_periodic_and_a_catalog_of_format_1_reads_equal()
    {
        // Format 3 is format 2's fields, the periodic flag and the checksum; catalog format 2 is format 1's and the checksum.
        var format2 = Serializer.ToBinary(Snapshot)[..^(ChecksumLength + 1)];
        var format1Catalog = Serializer.ToBinary(Catalog)[..^ChecksumLength];

        var back = (StoredSnapshot)Serializer.FromBinary(format2, "S2");
        var catalog = (SnapshotCatalog)Serializer.FromBinary(format1Catalog, "C1");

        Assert.Equal((Snapshot.SnapshotId, Snapshot.ChannelCount, Snapshot.CompletedAt), (back.SnapshotId, back.ChannelCount, back.CompletedAt));
        Assert.False(back.Periodic);
        Assert.Equal(Catalog.Entries, catalog.Entries);
    }

    [Fact]
    public void A_snapshot_stored_in_format_1_reads_with_the_channels_that_held_messages_and_every_channel_counted()
    {
        // What format 1 wrote (the S1 serializer of commit 7ebee17) for this snapshot with three channels written:
        // 0 → 1 holding the message twice, 1 → 0 and 1 → 1 holding nothing.
        var format1 = Convert.FromHexString(
            "2A000000000000000400000062616E6B020000002B000000616B6B612E7463703A2F2F736E617073686F74403132372E302E302E313A343035332F75"
            + "7365722F61233119000000616B6B613A2F2F736E617073686F742F757365722F62232D32010000000200000000000000011100000000000000030000"
            + "000102030000000001000000000200000001000000010000004D01000000041100000000000000030000000102030300000000000000010000000200"
            + "000001000000010000004D010000000401000000010000004D01000000040100000000000000000000000100000001000000000000000780BC280D4B"
            + "DF0800D088C31000000080EEB3D5474BDF0800F82917D6FFFFFF");

        var back = (StoredSnapshot)Serializer.FromBinary(format1, "S1");

        Assert.Equal((Snapshot.SnapshotId, Snapshot.Group, Snapshot.Initiator), (back.SnapshotId, back.Group, back.Initiator));
        Assert.Equal(Snapshot.Paths, back.Paths);
        Assert.Equal((Snapshot.StartedAt, Snapshot.StartedAt.Offset, Snapshot.CompletedAt, Snapshot.CompletedAt.Offset),
            (back.StartedAt, back.StartedAt.Offset, back.CompletedAt, back.CompletedAt.Offset));
        Assert.Equal(Snapshot.Processes.Select(Describe), back.Processes.Select(Describe));
        Assert.Equal(["0→1: 1/M/04 1/M/04"], back.Channels.Select(Describe));
        Assert.Equal(3, back.ChannelCount);
    }

    [Fact]
    public void A_snapshot_with_an_empty_channel_or_fewer_channels_counted_than_written_is_refused()
    {
        var empty = Assert.Throws<SerializationException>(() => RoundTrip(Snapshot with { Channels = [.. Snapshot.Channels, new StoredChannel(1, 0, [])] }));
        var fewer = Assert.Throws<SerializationException>(() => RoundTrip(Snapshot with { ChannelCount = 0 }));

        Assert.StartsWith("Cannot deserialize stored snapshot record [S3] at byte ", empty.Message);
        Assert.EndsWith(": the channel 1 → 0 is written with no message", empty.Message);
        Assert.EndsWith(": 0 channels, fewer than the 1 written", fewer.Message);
    }

    [Fact]
    public void The_catalog_comes_back_equal()
    {
        var back = (SnapshotCatalog)RoundTrip(Catalog);

        Assert.Equal((Catalog.Version, Catalog.NextId), (back.Version, back.NextId));
        Assert.Equal(Catalog.Entries, back.Entries);
    }

    [Theory]
    [InlineData("S4")]
    [InlineData("C3")]
    [InlineData("LP")]
    public void A_manifest_of_another_format_is_refused_naming_it(string manifest)
    {
        var error = Assert.Throws<SerializationException>(() => Serializer.FromBinary(Serializer.ToBinary(Snapshot), manifest));

        Assert.Equal(
            $"Stored snapshot format [{manifest}] is not one this version of the Snapshot library reads (S1 to S3 for snapshots, C1 and C2 for the catalog): was it stored by a newer version?",
            error.Message);
    }

    [Fact]
    public void Bytes_cut_short_or_with_bytes_left_over_are_refused_naming_the_record_and_the_offset()
    {
        // Format 1 of the catalog has no checksum: its reader alone finds what does not fit.
        var bytes = Serializer.ToBinary(Catalog)[..^ChecksumLength];

        var cut = Assert.Throws<SerializationException>(() => Serializer.FromBinary(bytes[..^1], "C1"));
        var longer = Assert.Throws<SerializationException>(() => Serializer.FromBinary([.. bytes, 0], "C1"));

        Assert.Equal($"Cannot deserialize stored snapshot record [C1] at byte {bytes.Length - 1} of {bytes.Length - 1}: 1 bytes needed, 0 left", cut.Message);
        Assert.Equal($"Cannot deserialize stored snapshot record [C1] at byte {bytes.Length} of {bytes.Length + 1}: 1 bytes left over after the message", longer.Message);
    }

    private SerializerWithStringManifest Serializer => (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(Snapshot);

    private (string, int) ManifestAndIdentifier(object record)
    {
        var serializer = Sys.Serialization.FindSerializerFor(record);
        Assert.IsType<StoredSnapshotSerializer>(serializer);
        return (Akka.Serialization.Serialization.ManifestFor(serializer, record), serializer.Identifier);
    }

    private object RoundTrip(object record) => Serializer.FromBinary(Serializer.ToBinary(record), Serializer.Manifest(record));

    private static string Describe(StoredProcess p) => $"{p.Participant}: {(p.State is null ? "-" : Describe(p.State))} [{string.Join(" ", p.Stashed.Select(Describe))}]";

    private static string Describe(StoredChannel c) => $"{c.From}→{c.To}: {string.Join(" ", c.Messages.Select(Describe))}";

    private static string Describe(StoredPayload p) => $"{p.SerializerId}/{p.Manifest}/{Convert.ToHexString(p.Bytes)}";
}
