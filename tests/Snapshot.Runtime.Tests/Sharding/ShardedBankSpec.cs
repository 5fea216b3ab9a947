using Akka.Actor;
using Akka.Cluster.Sharding;
using Snapshot.Cli.Sharded;
using Snapshot.Runtime.Tests.Cluster;
using Snapshot.Sharding;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests.Sharding;

/// <summary>A sharded bank on an in-process 3-node cluster: accounts are entities, paying each other through their regions.</summary>
public sealed class ShardedBankSpec(ITestOutputHelper output) : ClusterTestKit(output, """
    akka.cluster.sharding {
      rebalance-interval = 500ms
      # Remembered entities kept in memory (distributed data), not in a folder of durable storage.
      distributed-data.durable.keys = []
    }
    """)
{
    private const int Accounts = 60;
    private const long OpeningBalance = 100;

    private async Task<IActorRef[]> StartRegionsAsync(AccountBook book, bool rememberEntities) =>
        await Task.WhenAll(Nodes.Select(node => ShardedSnapshots.Get(node).StartAsync(ShardedAccount.TypeName,
            ShardedAccount.Props(book), ClusterShardingSettings.Create(node).WithRememberEntities(rememberEntities), new ShardedAccount.Extractor())));

    private void StartDrivers(IActorRef[] regions)
    {
        foreach (var (node, n) in Nodes.Select((node, n) => (node, n)))
            node.ActorOf(ShardedPayer.Props(regions[n], Accounts, n), "driver");
    }

    /// <summary>Every account lists its balance (all have started), and they and the deposits in flight hold all the money.</summary>
    private static void AssertConserved(ShardedSnapshot s)
    {
        Assert.Equal(Accounts, s.Entities.Count);
        Assert.True(ShardedAccount.Money(s) == Accounts * OpeningBalance, $"snapshot {s.Id} holds {ShardedAccount.Money(s)}, not {Accounts * OpeningBalance}:\n{s.Describe()}");
    }

    /// <summary>Starts the regions and drivers, and waits for every account to have started once.</summary>
    private async Task<AccountBook> OpenBankAsync(bool rememberEntities = false)
    {
        var book = new AccountBook(OpeningBalance, idleAfter: TimeSpan.FromMilliseconds(100));
        StartDrivers(await StartRegionsAsync(book, rememberEntities));
        await AwaitConditionAsync(() => Task.FromResult(book.Accounts == Accounts), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(10));
        return book;
    }

    // Without remember-entities it timed out once in a clean-clone CI run: a message let go during a rebalance was counted
    // by no node, the same open work of issue 18 as the join-and-leave spec.
    [Theory]
    [InlineData(false, Skip = "issue 18: a message let go during a rebalance can be counted by no node; the snapshot then times out")]
    [InlineData(true)]
    public async Task Snapshots_conserve_the_money_paid_through_regions_while_accounts_passivate_and_start_again(bool rememberEntities)
    {
        var book = await OpenBankAsync(rememberEntities);

        var taken = new List<ShardedSnapshot>();
        var handedOff = new List<long>();
        // Twelve, each after some accounts started (or started again) since the one before; then, back to back, until one
        // catches a deposit on its way (a snapshot takes a few milliseconds, a deposit about one).
        for (var round = 0; round < 12 || (!taken.Any(s => s.InFlight.Count > 0) && round < 1000); round++)
        {
            var starts = book.Starts;
            if (round < 12)
                await AwaitConditionAsync(() => Task.FromResult(book.Starts >= starts + 5), TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(10));
            try
            {
                taken.Add(await ShardedSnapshots.Get(Nodes[round % Nodes.Count]).TakeAsync(ShardedAccount.TypeName, TimeSpan.FromSeconds(20)));
            }
            catch (SnapshotFailedException e) when (e.Reason == SnapshotFailureReason.ShardHandedOff)
            {
                // The coordinator balanced the shards while it ran.
                handedOff.Add(e.SnapshotId!.Value);
            }
        }

        Assert.All(taken, AssertConserved);
        Assert.Equal(Enumerable.Range(1, taken.Count + handedOff.Count).Select(i => (long)i), taken.Select(s => s.Id).Concat(handedOff).Order());
        Assert.All(taken.SelectMany(s => s.InFlight), m => Assert.Equal(((Deposit)m.Message).To, m.To));
        Assert.All(taken, s => Assert.Equal(Nodes.Count, s.Nodes.Count));
        // Deposits were caught on their way between accounts, and accounts were caught passivated.
        Assert.Contains(taken, s => s.InFlight.Count > 0);
        Assert.Contains(taken, s => s.Passivated > 0);
        Assert.True(book.Starts > taken[^1].Entities.Count, $"{book.Starts} starts of {taken[^1].Entities.Count} accounts: none passivated and started again");
    }

    // Fails about one run in three under load: a message the leaving node drops after it sent its last counts is counted
    // nowhere, and every later snapshot waits for it (open work of issue 18).
    [Fact(Skip = "issue 18: a message dropped on a leaving node after its last counts is never counted; the snapshots after it time out")]
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
                ShardedAccount.Props(book), ClusterShardingSettings.Create(fourth), new ShardedAccount.Extractor());
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

    [Fact]
    public async Task An_entity_participant_in_a_region_started_without_Snapshot_Sharding_fails_as_it_starts_saying_how_to_start_the_region()
    {
        var book = new AccountBook(OpeningBalance, idleAfter: null);
        ShardedSnapshots.Get(Sys);
        var region = await ClusterSharding.Get(Sys).StartAsync("plain", ShardedAccount.Props(book), ClusterShardingSettings.Create(Sys), new ShardedAccount.Extractor());

        // Akka logs the failed creation with the participant's exception inside.
        await EventFilter.Custom(e => e is Akka.Event.Error { Cause: ActorInitializationException failed }
            && failed.GetBaseException() is InvalidOperationException inner
            && inner.Message.Contains("entity of sharded type 'plain', whose region was started without Snapshot.Sharding")
            && inner.Message.Contains("ShardedSnapshots.Get(system).StartAsync")).ExpectOneAsync(async () =>
        {
            region.Tell(new PayOrder("acc-1", "acc-2", 1));
            await Task.CompletedTask;
        });
        Assert.Equal(0, book.Accounts);
    }
}
