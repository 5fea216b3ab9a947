using Akka.Actor;
using Snapshot.Runtime.Serialization;
using Snapshot.Runtime.Tests.Bank;
using Snapshot.Runtime.Tests.ConsistentCut;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests.Cluster;

/// <summary>
/// A participant tells another node one marker, which that node's fan-out hands to each of its receivers there in
/// the marker's FIFO place on each channel: with tokens streaming between two nodes, every channel between them
/// holds exactly the tokens sent before its sender recorded and received after its receiver recorded, id by id.
/// </summary>
public sealed class FanOutOrderSpec(ITestOutputHelper output) : ClusterTestKit(output)
{
    private const int Seed = 271_828;
    private const long OpeningBalance = 1000;
    private const int SnapshotsToTake = 10;

    [Fact]
    public async Task Markers_fanned_out_on_the_receiving_node_cut_every_channel_between_the_nodes_where_the_sender_recorded()
    {
        // Two traders on the third node, three on the second, none on the first, which coordinates.
        var senders = Enumerable.Range(0, 2).Select(i => Nodes[2].ActorOf(MarkerTrader(i), $"sender-{i}")).ToArray();
        var receivers = Enumerable.Range(0, 3).Select(i => Nodes[1].ActorOf(MarkerTrader(10 + i), $"receiver-{i}")).ToArray();
        await GlobalSnapshots.Get(Nodes[2]).WaitForLocalParticipantsAsync(senders.Length, Trader.Group);
        await GlobalSnapshots.Get(Nodes[1]).WaitForLocalParticipantsAsync(receivers.Length, Trader.Group);
        var traders = senders.Concat(receivers).ToArray();
        foreach (var node in new[] { Nodes[1], Nodes[2] })
            node.ActorOf(Props.Create(() => new Driver(SeenFrom(node, traders), Seed)), "driver");
        var fromThirdNode = ProtocolTraffic.Of(Nodes[2]);
        var (nodeMarkersBefore, markersBefore) = (fromThirdNode.Of("NM").Messages, fromThirdNode.Of("M").Messages);

        var random = new Random(Seed);
        var taken = new List<GlobalSnapshot>();
        for (var round = 0; round < SnapshotsToTake; round++)
            taken.Add(await GlobalSnapshots.Get(Sys).TakeAsync(Trader.Group, SeenFrom(Sys, traders[random.Next(traders.Length)]), TimeSpan.FromSeconds(20)));

        foreach (var (snapshot, round) in taken.Select((s, round) => (s, round)))
            CutAssert.Consistent(snapshot, traders.Length * OpeningBalance, $"seed {Seed}, round {round}, snapshot {snapshot.Id}");
        Assert.True(taken.Any(s => s.Channels.Any(c => c.From.Path.Name.StartsWith("sender") && c.To.Path.Name.StartsWith("receiver") && c.Messages.Count > 0)),
            $"seed {Seed}: no snapshot caught a token in flight from the third node to the second, so the fan-out's order was not tested");
        // Each snapshot, each sender told the second node one marker for its three receivers there, and nothing else.
        Assert.Equal(SnapshotsToTake * senders.Length, fromThirdNode.Of("NM").Messages - nodeMarkersBefore);
        Assert.Equal(markersBefore, fromThirdNode.Of("M").Messages);
    }

    /// <summary>A trader on Akka's own deque, whose messages no mailbox stamps: its group's snapshots go by markers, which this spec is about.</summary>
    private static Props MarkerTrader(int index) => Props.Create(() => new Trader(index, OpeningBalance)).WithMailbox("akka.actor.mailbox.unbounded-deque-based");
}
