using Akka.Actor;
using Snapshot.Runtime.Tests.Bank;
using Snapshot.Runtime.Internal;
using Snapshot.Runtime.Serialization;
using Snapshot.Runtime.Tests.ConsistentCut;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests.Cluster;

/// <summary>
/// The definition of a consistent cut, checked id by id (as <see cref="ConsistentCutSpec"/> does on one
/// ActorSystem) on traders spread over three nodes, with random traffic between the nodes and snapshots
/// coordinated by each node in turn.
/// </summary>
public sealed class ClusterConsistentCutSpec(ITestOutputHelper output) : ClusterTestKit(output)
{
    private const int Seed = 3_141_592;
    private const int TradersPerNode = 3;
    private const long OpeningBalance = 1000;
    private const int SnapshotsToTake = 12;

    [Fact]
    public Task Snapshots_started_from_every_node_under_random_traffic_between_nodes_are_consistent_cuts_id_by_id() => TradeAndCheckAsync(stamped: false);

    [Fact]
    public async Task With_stamped_mailboxes_the_snapshots_are_consistent_cuts_and_no_marker_crosses_between_nodes()
    {
        await TradeAndCheckAsync(stamped: true);

        // Per snapshot an initiate per other node and, from each node to each other, the record notices of its traders in
        // batches: one when no trader's handler runs before the last of its node records, at most one per trader when each
        // handler sends what waits. No marker, no initiate per trader.
        Assert.All(Nodes, node =>
        {
            var sent = ProtocolTraffic.Of(node);
            Assert.Equal(0, sent.Of("NM").Messages);
            Assert.Equal(0, sent.Of("M").Messages);
            Assert.Equal(0, sent.Of("I").Messages);
            Assert.InRange(sent.Of("RB").Messages, SnapshotsToTake * (NodeCount - 1), SnapshotsToTake * TradersPerNode * (NodeCount - 1));
        });
        Assert.Equal(SnapshotsToTake * (NodeCount - 1), Nodes.Sum(node => ProtocolTraffic.Of(node).Of("NI").Messages));
    }

    [Fact]
    public async Task Idle_stamped_traders_send_one_batch_of_record_notices_per_snapshot_and_other_node_and_their_lists_once()
    {
        var traders = await StartTradersAsync(stamped: true);
        var unchanged = new CollectedMembers(Guid.NewGuid(), Guid.NewGuid(), null);
        var unchangedBytes = Nodes[0].Serialization.FindSerializerFor(unchanged).ToBinary(unchanged).Length;
        long listBytes = 0;

        for (var round = 0; round < SnapshotsToTake; round++)
        {
            // Once each node has coordinated a snapshot it holds every other node's list, and each answer after says "unchanged".
            if (round == NodeCount)
                listBytes = Nodes.Sum(node => ProtocolTraffic.Of(node).Of("CD").Bytes);
            var snapshot = await GlobalSnapshots.Get(Nodes[round % NodeCount]).TakeAsync(Trader.Group, timeout: TimeSpan.FromSeconds(20));
            Assert.Equal(traders.Length, snapshot.Processes.Count);
            CutAssert.Consistent(snapshot, traders.Length * OpeningBalance, $"round {round}, snapshot {snapshot.Id}");
        }

        Assert.All(Nodes, node => Assert.Equal(SnapshotsToTake * (NodeCount - 1), ProtocolTraffic.Of(node).Of("RB").Messages));
        Assert.Equal((SnapshotsToTake - NodeCount) * (NodeCount - 1) * unchangedBytes, Nodes.Sum(node => ProtocolTraffic.Of(node).Of("CD").Bytes) - listBytes);
    }

    [Fact]
    public async Task A_trader_that_joins_a_node_is_in_the_next_snapshot_coordinated_on_another_node()
    {
        var traders = await StartTradersAsync(stamped: true);
        var before = await GlobalSnapshots.Get(Nodes[0]).TakeAsync(Trader.Group, timeout: TimeSpan.FromSeconds(20));
        _ = GlobalSnapshots.Get(Nodes[1]);
        var late = Nodes[1].ActorOf(Props.Create(() => new Trader(traders.Length, OpeningBalance)).WithMailbox(StampedMailbox.Id), "trader-1-late");
        await GlobalSnapshots.Get(Nodes[1]).WaitForLocalParticipantsAsync(TradersPerNode + 1, Trader.Group);

        var after = await GlobalSnapshots.Get(Nodes[0]).TakeAsync(Trader.Group, timeout: TimeSpan.FromSeconds(20));

        Assert.Equal(traders.Length, before.Processes.Count);
        Assert.Equal(traders.Select(t => t.Path.Name).Append(late.Path.Name).Order(), after.Processes.Select(p => p.Participant.Path.Name).Order());
        late.Tell(PoisonPill.Instance);
        await AwaitAssertAsync(async () => Assert.Equal(traders.Length, (await GlobalSnapshots.Get(Nodes[0]).ParticipantsAsync(Trader.Group)).Count));
        Assert.Equal(traders.Length, (await GlobalSnapshots.Get(Nodes[0]).TakeAsync(Trader.Group, timeout: TimeSpan.FromSeconds(20))).Processes.Count);
    }

    private async Task TradeAndCheckAsync(bool stamped)
    {
        var traders = await StartTradersAsync(stamped);
        foreach (var (node, n) in Nodes.Select((node, n) => (node, n)))
        {
            var seen = SeenFrom(node, traders);
            node.ActorOf(Props.Create(() => new Driver(seen, Seed + n)), "driver");
        }

        var random = new Random(Seed);
        var taken = new List<GlobalSnapshot>();
        for (var round = 0; round < SnapshotsToTake; round++)
        {
            var node = Nodes[round % NodeCount];
            // Every other snapshot starts at one trader, often on another node than the coordinator's.
            var initiator = round % 2 == 0 ? null : SeenFrom(node, traders[random.Next(traders.Length)]);
            taken.Add(await GlobalSnapshots.Get(node).TakeAsync(Trader.Group, initiator, TimeSpan.FromSeconds(20)));
        }

        var names = traders.Select(t => t.Path.Name).Order().ToArray();
        foreach (var (snapshot, round) in taken.Select((s, round) => (s, round)))
        {
            var where = $"seed {Seed}, round {round} (coordinated by node {round % NodeCount}), snapshot {snapshot.Id}";
            Assert.Equal(names, snapshot.Processes.Select(p => p.Participant.Path.Name).Order());
            Assert.Equal(traders.Length * traders.Length, snapshot.ChannelCount);
            CutAssert.Consistent(snapshot, traders.Length * OpeningBalance, where);
        }
        var crossNode = taken.Sum(s => s.Channels.Where(c => NodeIndex(c.From) != NodeIndex(c.To)).Sum(c => c.Messages.Count));
        Output?.WriteLine($"{taken.Count} snapshots, {taken.Sum(s => s.RecordedMessages)} tokens caught in flight, {crossNode} of them between nodes");
        Assert.True(crossNode > 0,
            $"seed {Seed}: no snapshot caught a token in flight between two nodes, so the cross-node channel checks proved nothing");
    }

    private async Task<IActorRef[]> StartTradersAsync(bool stamped)
    {
        var traders = Nodes
            .SelectMany((node, n) => Enumerable.Range(0, TradersPerNode).Select(i =>
            {
                var index = n * TradersPerNode + i;
                var props = Props.Create(() => new Trader(index, OpeningBalance));
                // The stamped mailbox is in the extension's configuration, there once the extension has started.
                _ = GlobalSnapshots.Get(node);
                return node.ActorOf(stamped ? props.WithMailbox(StampedMailbox.Id) : props, $"trader-{n}-{i}");
            }))
            .ToArray();
        await Task.WhenAll(Nodes.Select(node => GlobalSnapshots.Get(node).WaitForLocalParticipantsAsync(TradersPerNode, Trader.Group)));
        return traders;
    }

    /// <summary>The node a trader was started on, from its name (trader-node-i), whichever node's ref this is.</summary>
    private static int NodeIndex(IActorRef trader) => int.Parse(trader.Path.Name.Split('-')[1]);
}
