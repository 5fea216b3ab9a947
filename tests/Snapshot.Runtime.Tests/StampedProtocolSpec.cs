using Akka.Actor;
using Snapshot.Runtime.Internal;
using Snapshot.Runtime.Tests.Bank;
using Snapshot.Runtime.Tests.ConsistentCut;
using Snapshot.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests;

/// <summary>
/// The stamped protocol on real actors: traders whose mailboxes stamp their messages, declaring no channels, paying
/// traders picked at random under random traffic while several snapshots run at once. Every snapshot is a consistent
/// cut, checked message by message, and none sent a marker per channel: the node's clock ticked for each recording.
/// </summary>
public sealed class StampedProtocolSpec(ITestOutputHelper output) : SnapshotSpec("", output)
{
    private const int Seed = 16_2026;
    private const int Traders = 6;
    private const long OpeningBalance = 1000;
    private const int SnapshotsToTake = 20;

    [Fact]
    public async Task Every_snapshot_of_traders_with_stamped_mailboxes_is_a_consistent_cut_without_markers()
    {
        // The extension's configuration holds the stamped mailbox: it is there once the extension has started.
        _ = Snapshots;
        var traders = new IActorRef[Traders];
        for (var i = 0; i < Traders; i++)
        {
            var index = i;
            traders[i] = await JoinAsync(Trader.Group, Props.Create(() => new Trader(index, OpeningBalance)).WithMailbox(StampedMailbox.Id), $"trader-{i}");
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
        {
            AssertCovers(snapshot, traders);
            CutAssert.Consistent(snapshot, Traders * OpeningBalance, $"seed {Seed}, snapshot {snapshot.Id}");
        }
        Assert.True(taken.Any(s => s.RecordedMessages > 0), $"seed {Seed}: no snapshot caught a token in flight, so the channel checks proved nothing");
        // The clock ticks once for each participant recording under the stamped protocol, and for nothing else here.
        Assert.Equal(taken.Count * Traders, NodeStamps.Get(Sys).Ledger.Stamp);
        Assert.False(NodeStamps.Get(Sys).Ledger.HasOpenSnapshots);
    }
}
