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
public sealed class ConsistentCutSpec(ITestOutputHelper output) : SnapshotSpec("", output)
{
    private const int Seed = 1_861_2024;
    private const int Traders = 5;
    private const long OpeningBalance = 1000;
    private const int SnapshotsToTake = 20;

    [Fact]
    public Task Every_snapshot_under_random_traffic_is_a_consistent_cut_id_by_id() => TradeAndCheckAsync(props => props);

    /// <summary>
    /// The stamped protocol: traders whose mailboxes stamp their messages, declaring no channels. No marker goes on any
    /// channel; the node's clock ticks once for each trader recording, and for nothing else here.
    /// </summary>
    [Fact]
    public async Task With_stamped_mailboxes_every_snapshot_is_a_consistent_cut_id_by_id_and_none_sends_a_marker()
    {
        // The extension's configuration holds the stamped mailbox: it is there once the extension has started.
        _ = Snapshots;

        var taken = await TradeAndCheckAsync(props => props.WithMailbox(StampedMailbox.Id));

        Assert.Equal(taken * Traders, NodeStamps.Get(Sys).Ledger.Stamp);
        Assert.False(NodeStamps.Get(Sys).Ledger.HasOpenSnapshots);
    }

    /// <returns>How many snapshots it took.</returns>
    private async Task<int> TradeAndCheckAsync(Func<Props, Props> mailbox)
    {
        var traders = new IActorRef[Traders];
        for (var i = 0; i < Traders; i++)
        {
            var index = i;
            traders[i] = await JoinAsync(Trader.Group, mailbox(Props.Create(() => new Trader(index, OpeningBalance))), $"trader-{i}");
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
