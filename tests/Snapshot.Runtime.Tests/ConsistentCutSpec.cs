using Akka.Actor;
using Snapshot.Runtime.Internal;
using Snapshot.Runtime.Tests.Bank;
using Snapshot.Runtime.Tests.ConsistentCut;
using Snapshot.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests;

/// <summary>
/// The definition of a consistent cut, checked message by message on real actors under random traffic, with a
/// marker per channel and with stamped mailboxes: nothing is received before the cut that was sent after it, and
/// each channel holds exactly what was sent before the cut and not yet received.
/// </summary>
public abstract class ConsistentCutSpec(SnapshotProtocol protocol, ITestOutputHelper output) : SnapshotSpec(protocol, "", output)
{
    private const int Seed = 1_861_2024;
    private const int Traders = 5;
    private const long OpeningBalance = 1000;
    private const int SnapshotsToTake = 20;

    public sealed class WithMarkers(ITestOutputHelper output) : ConsistentCutSpec(SnapshotProtocol.Markers, output);

    /// <summary>
    /// The stamped protocol: traders whose mailboxes stamp their messages, declaring no channels. No marker goes on any
    /// channel; the node's clock ticks once for each trader recording, and for nothing else here.
    /// </summary>
    public sealed class Stamped(ITestOutputHelper output) : ConsistentCutSpec(SnapshotProtocol.Stamped, output);

    /// <summary>With markers the node's clock never ticks: no mailbox stamps, so no participant records by its stamps.</summary>
    [Fact]
    public async Task Every_snapshot_under_random_traffic_is_a_consistent_cut_id_by_id()
    {
        var taken = await TradeAndCheckAsync();

        Assert.Equal(ByProtocol(markers: 0, stamped: taken * Traders), NodeStamps.Get(Sys).Ledger.Stamp);
        Assert.False(NodeStamps.Get(Sys).Ledger.HasOpenSnapshots);
    }

    /// <returns>How many snapshots it took.</returns>
    private async Task<int> TradeAndCheckAsync()
    {
        var traders = new IActorRef[Traders];
        for (var i = 0; i < Traders; i++)
        {
            var index = i;
            traders[i] = await JoinAsync(Trader.Group, Props.Create(() => new Trader(index, OpeningBalance)), $"trader-{i}");
        }
        foreach (var driver in Enumerable.Range(0, 3))
            Sys.ActorOf(Props.Create(() => new Driver(traders, Seed + driver)), $"driver-{driver}");

        var random = new Random(Seed);
        var taken = new List<GlobalSnapshot>();
        while (taken.Count < SnapshotsToTake)
        {
            var round = Enumerable.Range(0, random.Next(1, 4))
                .Select(_ => Snapshots.TakeAsync(Trader.Group, initiator: random.Next(2) == 0 ? null : traders[random.Next(Traders)]))
                .ToArray();
            taken.AddRange(await Task.WhenAll(round));
        }

        foreach (var snapshot in taken)
            AssertConsistent(snapshot, traders);
        Assert.True(taken.Any(s => s.RecordedMessages > 0), $"seed {Seed}: no snapshot caught a token in flight, so the channel checks proved nothing");
        return taken.Count;
    }

    private static void AssertConsistent(GlobalSnapshot snapshot, IActorRef[] traders)
    {
        AssertCovers(snapshot, traders);
        CutAssert.Consistent(snapshot, Traders * OpeningBalance, $"seed {Seed}, snapshot {snapshot.Id}");
    }
}
