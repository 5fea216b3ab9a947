using Akka.Actor;
using Akka.Cluster;
using Snapshot.Runtime.Tests.Bank;
using Snapshot.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests.Cluster;

/// <summary>Three ActorSystems forming a cluster on 127.0.0.1 with ports the OS picks; one group spans them.</summary>
public sealed class ClusterSpec(ITestOutputHelper output) : ClusterTestKit(output)
{
    private const int AccountsPerNode = 4;
    private const long OpeningBalance = 1000;

    private async Task<IActorRef[]> OpenBankAsync()
    {
        var accounts = Nodes
            .SelectMany((node, n) => Enumerable.Range(0, AccountsPerNode).Select(i => node.ActorOf(Props.Create(() => new Account(OpeningBalance)), $"account-{n}-{i}")))
            .ToArray();
        await Task.WhenAll(Nodes.Select(node => GlobalSnapshots.Get(node).WaitForLocalParticipantsAsync(AccountsPerNode, Account.Group)));
        return accounts;
    }

    [Fact]
    public async Task Snapshots_started_on_every_node_cover_every_node_and_conserve_money_moving_between_nodes()
    {
        var accounts = await OpenBankAsync();
        var total = accounts.Length * OpeningBalance;
        foreach (var (node, n) in Nodes.Select((node, n) => (node, n)))
        {
            var seen = SeenFrom(node, accounts);
            node.ActorOf(Props.Create(() => new Driver(seen, n)), "driver");
        }

        var taken = new List<GlobalSnapshot>();
        for (var round = 0; round < 6; round++)
            taken.AddRange(await Task.WhenAll(Nodes.Select(node => GlobalSnapshots.Get(node).TakeAsync(Account.Group))));

        Assert.All(taken, s => Assert.True(Account.Money(s) == total, $"snapshot {s.Id} holds {Account.Money(s)}, not {total}:\n{s.Describe()}"));
        Assert.All(taken, s => Assert.Equal(accounts.Length, s.Processes.Count));
        Assert.All(taken, s => Assert.Equal(accounts.Length * accounts.Length, s.ChannelCount));
        // Channels whose ends are on different nodes carried money that the snapshots caught in flight.
        Assert.Contains(taken, s => s.Channels.Any(c => NodeOf(c.From) != NodeOf(c.To) && c.Messages.OfType<Transfer>().Any()));
    }

    [Fact]
    public async Task A_node_downed_mid_snapshot_fails_it_with_that_node_and_the_next_snapshot_covers_the_others()
    {
        await OpenBankAsync();
        var lost = Nodes[2];
        var lostAddress = Akka.Cluster.Cluster.Get(lost).SelfAddress;
        Assert.Empty((await GlobalSnapshots.Get(Sys).TakeAsync(Account.Group)).DepartedNodes);
        using var gate = new Gate();
        var stuck = lost.ActorOf(Node.Props(Account.Group), "stuck");
        stuck.Tell(new Block(gate, TestActor));
        ExpectMsg<Blocked>();
        await GlobalSnapshots.Get(lost).WaitForLocalParticipantsAsync(AccountsPerNode + 1, Account.Group);

        var snapshot = GlobalSnapshots.Get(Sys).TakeAsync(Account.Group, timeout: TimeSpan.FromSeconds(30));
        // Once the blocked participant's Initiate is queued, the snapshot has started with the lost node in it.
        await AwaitConditionAsync(() => Task.FromResult(((ActorRefWithCell)stuck).Underlying.NumberOfMessages > 0));
        Akka.Cluster.Cluster.Get(Sys).Down(lostAddress);

        var failure = await Assert.ThrowsAsync<SnapshotFailedException>(() => snapshot.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(SnapshotFailureReason.NodeLeft, failure.Reason);
        Assert.Contains(lostAddress.ToString(), failure.Message);

        // Until the downed node is removed from the cluster a snapshot fails naming it; removed, the group has shrunk.
        await AwaitAssertAsync(() => Assert.DoesNotContain(lostAddress, Akka.Cluster.Cluster.Get(Sys).State.Members.Select(m => m.Address)),
            TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(100));
        GlobalSnapshot next = null!;
        await AwaitAssertAsync(async () => next = await GlobalSnapshots.Get(Sys).TakeAsync(Account.Group), TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(100));
        Assert.Equal(2 * AccountsPerNode, next.Processes.Count);
        Assert.DoesNotContain(next.Processes, p => p.Participant.Path.Address == lostAddress);
        // The first snapshot after says where the group shrank since the last one it completed; the one after, nowhere.
        Assert.Equal([new DepartedNode(lostAddress, AccountsPerNode)], next.DepartedNodes);
        Assert.Empty((await GlobalSnapshots.Get(Sys).TakeAsync(Account.Group)).DepartedNodes);
    }
}
