using Akka.Actor;
using Snapshot.Algorithm;
using Snapshot.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests.Diagnostics;

/// <summary>
/// Long runs hold their memory: after 20,000 snapshots of a small group under traffic, every table the runtime keeps per
/// snapshot, request, participant or node (its coordinator's, each participant's, the node's shared ones) is back at the
/// size it had after the first snapshots, with a marker per channel and with stamped mailboxes alike.
/// </summary>
public abstract class TableSizesSpec(SnapshotProtocol protocol, ITestOutputHelper output) : SnapshotSpec(protocol, "", output)
{
    private const string Group = "long-run";
    private const int WarmUp = 10;
    private const int LongRun = 20_000;
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    public sealed class WithMarkers(ITestOutputHelper output) : TableSizesSpec(SnapshotProtocol.Markers, output);

    public sealed class Stamped(ITestOutputHelper output) : TableSizesSpec(SnapshotProtocol.Stamped, output);

    [Fact]
    public async Task After_20000_snapshots_under_traffic_every_table_is_back_at_its_idle_size()
    {
        IActorRef[] ring = [await NodeAsync(Group, "a"), await NodeAsync(Group, "b"), await NodeAsync(Group, "c")];
        await TakeUnderTrafficAsync(ring, WarmUp);
        var idle = await Snapshots.ReadTableSizesAsync(ReadTimeout);

        await TakeUnderTrafficAsync(ring, LongRun);
        var after = await Snapshots.ReadTableSizesAsync(ReadTimeout);

        // Read from the coordinator, from each participant, and from what the node shares, under either protocol.
        Assert.Contains(new TableSize("group.members", 3), idle);
        Assert.Contains(idle, size => size.Table == "coordinator.running");
        Assert.Contains(idle, size => size.Table == "participant.finished");
        Assert.Contains(idle, size => size.Table == "node.layouts");
        Assert.Empty(Changed(idle, after));
    }

    /// <summary>
    /// <paramref name="count"/> snapshots one after the other, each with a credit in flight on each channel of the ring
    /// when it starts; one in three from a named initiator, the others from every participant at once.
    /// </summary>
    private async Task TakeUnderTrafficAsync(IActorRef[] ring, int count)
    {
        for (var i = 0; i < count; i++)
        {
            for (var n = 0; n < ring.Length; n++)
                ring[n].Tell(new PayTo(ring[(n + 1) % ring.Length], 1, "traffic"));
            await Snapshots.TakeAsync(Group, initiator: i % 3 == 0 ? ring[i % ring.Length] : null);
        }
    }

    /// <summary>Each table whose size differs, as "table: before → after", so that a failure names them all.</summary>
    private static IReadOnlyList<string> Changed(IReadOnlyList<TableSize> before, IReadOnlyList<TableSize> after)
    {
        int SizeIn(IReadOnlyList<TableSize> sizes, string table) => sizes.FirstOrDefault(size => size.Table == table).Size;
        return [.. before.Concat(after).Select(size => size.Table).Distinct()
            .Where(table => SizeIn(before, table) != SizeIn(after, table))
            .Select(table => $"{table}: {SizeIn(before, table)} → {SizeIn(after, table)}")];
    }
}
