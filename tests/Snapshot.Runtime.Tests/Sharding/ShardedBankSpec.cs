using Akka.Actor;
using Akka.Cluster.Sharding;
using Snapshot.Runtime.Tests.Cluster;
using Snapshot.Sharding;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests.Sharding;

/// <summary>A sharded bank on an in-process 3-node cluster: accounts are entities, paying each other through their regions.</summary>
public sealed class ShardedBankSpec(ITestOutputHelper output) : ClusterTestKit(output, "akka.cluster.sharding.rebalance-interval = 500ms")
{
    private const int Accounts = 60;
    private const long OpeningBalance = 100;

    private async Task<IActorRef[]> StartRegionsAsync(ShardedAccount.Book book) =>
        await Task.WhenAll(Nodes.Select(node => ShardedSnapshots.Get(node).StartAsync(ShardedAccount.TypeName,
            Props.Create(() => new ShardedAccount(book)), ClusterShardingSettings.Create(node), new ShardedAccount.Extractor())));

    private void StartDrivers(IActorRef[] regions)
    {
        foreach (var (node, n) in Nodes.Select((node, n) => (node, n)))
            node.ActorOf(Props.Create(() => new PayDriver(regions[n], Accounts, n)), "driver");
    }

    /// <summary>Every account lists its balance (all have started), and they and the deposits in flight hold all the money.</summary>
    private static void AssertConserved(ShardedSnapshot s)
    {
        Assert.Equal(Accounts, s.Entities.Count);
        Assert.True(ShardedAccount.Money(s) == Accounts * OpeningBalance, $"snapshot {s.Id} holds {ShardedAccount.Money(s)}, not {Accounts * OpeningBalance}:\n{s.Describe()}");
    }

    /// <summary>Starts the regions and drivers, and waits for every account to have started once.</summary>
    private async Task<ShardedAccount.Book> OpenBankAsync()
    {
        var book = new ShardedAccount.Book(OpeningBalance, idleAfter: TimeSpan.FromMilliseconds(100));
        StartDrivers(await StartRegionsAsync(book));
        await AwaitConditionAsync(() => Task.FromResult(book.Accounts == Accounts), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(10));
        return book;
    }

    [Fact]
    public async Task Snapshots_conserve_the_money_paid_through_regions_while_accounts_passivate_and_start_again()
    {
        var book = await OpenBankAsync();

        var taken = new List<ShardedSnapshot>();
        for (var round = 0; round < 12; round++)
        {
            // Each snapshot after some accounts started (or started again) since the one before.
            var starts = book.Starts;
            await AwaitConditionAsync(() => Task.FromResult(book.Starts >= starts + 5), TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(10));
            taken.Add(await ShardedSnapshots.Get(Nodes[round % Nodes.Count]).TakeAsync(ShardedAccount.TypeName, TimeSpan.FromSeconds(20)));
        }

        Assert.All(taken, AssertConserved);
        Assert.Equal(Enumerable.Range(1, taken.Count).Select(i => (long)i), taken.Select(s => s.Id));
        Assert.All(taken, s => Assert.Equal(Nodes.Count, s.Nodes.Count));
        // Deposits were caught on their way between accounts, and accounts were caught passivated.
        Assert.Contains(taken, s => s.InFlight.Count > 0);
        Assert.Contains(taken, s => s.Passivated > 0);
        Assert.True(book.Starts > taken[^1].Entities.Count, $"{book.Starts} starts of {taken[^1].Entities.Count} accounts: none passivated and started again");
    }

    [Fact]
    public async Task Shards_moving_to_a_node_that_joins_and_back_when_it_leaves_fail_only_the_snapshots_they_overlap_and_every_other_conserves()
    {
        var book = await OpenBankAsync();
        var snapshots = ShardedSnapshots.Get(Sys);
        var outcomes = new List<(ShardedSnapshot? Snapshot, SnapshotFailedException? Failure)>();
        async Task TakeWhileAsync(Func<bool> until)
        {
            do
            {
                try
                {
                    outcomes.Add((await snapshots.TakeAsync(ShardedAccount.TypeName, TimeSpan.FromSeconds(5)), null));
                }
                catch (SnapshotFailedException e)
                {
                    outcomes.Add((null, e));
                }
            }
            while (!until());
        }

        await TakeWhileAsync(() => outcomes.Count >= 3);
        var fourth = ActorSystem.Create("snapshot", Sys.Settings.Config);
        try
        {
            var region = await ShardedSnapshots.Get(fourth).StartAsync(ShardedAccount.TypeName,
                Props.Create(() => new ShardedAccount(book)), ClusterShardingSettings.Create(fourth), new ShardedAccount.Extractor());
            await Akka.Cluster.Cluster.Get(fourth).JoinAsync(Akka.Cluster.Cluster.Get(Sys).SelfAddress);
            // Until the rebalance has given the new node entities of its own.
            await TakeWhileAsync(() => outcomes.Count >= 6 && book.StartsOn(fourth) > 0);
            var leaving = Akka.Cluster.Cluster.Get(fourth).LeaveAsync();
            await TakeWhileAsync(() => leaving.IsCompleted);
        }
        finally
        {
            await fourth.Terminate();
        }
        // Messages for the shards the node handed off wait in the regions until their new homes are known: a snapshot
        // of that time waits for them, and may time out.
        var left = outcomes.Count;
        var settled = await snapshots.TakeAsync(ShardedAccount.TypeName, TimeSpan.FromSeconds(60));
        await TakeWhileAsync(() => outcomes.Count >= left + 3);

        AssertConserved(settled);
        Assert.All(outcomes.Where(o => o.Snapshot is not null), o => AssertConserved(o.Snapshot!));
        Assert.All(outcomes.Where(o => o.Failure is not null), o => Assert.True(
            o.Failure!.Reason is SnapshotFailureReason.ShardHandedOff or SnapshotFailureReason.NodeLeft or SnapshotFailureReason.Timeout,
            $"{o.Failure.Reason}: {o.Failure.Message}"));
        Assert.All(outcomes.Where(o => o.Failure?.Reason == SnapshotFailureReason.ShardHandedOff), o => Assert.Matches("shard '[0-9]+' of 'account' stopped on", o.Failure!.Message));
        Assert.All(outcomes.Skip(left), o => Assert.Null(o.Failure));
        Assert.Contains(outcomes, o => o.Snapshot?.Nodes.Count == Nodes.Count + 1);
        Assert.Contains(outcomes.Skip(left), o => o.Snapshot?.Nodes.Count == Nodes.Count);
        Assert.Contains(outcomes, o => o.Snapshot is { Passivated: > 0, Nodes.Count: NodeCount + 1 });
    }
}
