using Akka.Actor;
using Akka.Cluster.Sharding;
using Snapshot.Runtime.Tests.Cluster;
using Snapshot.Sharding;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests.Sharding;

/// <summary>A sharded bank on an in-process 3-node cluster: accounts are entities, paying each other through their regions.</summary>
public sealed class ShardedBankSpec(ITestOutputHelper output) : ClusterTestKit(output)
{
    private const int Accounts = 60;
    private const long OpeningBalance = 100;

    private async Task<IActorRef[]> StartRegionsAsync(ShardedAccount.Book book) =>
        await Task.WhenAll(Nodes.Select(node => ShardedSnapshots.Get(node).StartAsync(ShardedAccount.TypeName,
            Props.Create(() => new ShardedAccount(book)), ClusterShardingSettings.Create(node), new ShardedAccount.Extractor())));

    [Fact]
    public async Task Snapshots_conserve_the_money_paid_through_regions_while_accounts_passivate_and_start_again()
    {
        var book = new ShardedAccount.Book(OpeningBalance, idleAfter: TimeSpan.FromMilliseconds(100));
        var regions = await StartRegionsAsync(book);
        foreach (var (node, n) in Nodes.Select((node, n) => (node, n)))
            node.ActorOf(Props.Create(() => new PayDriver(regions[n], Accounts, n)), "driver");

        var taken = new List<ShardedSnapshot>();
        for (var round = 0; round < 12; round++)
        {
            // Each snapshot after some accounts started (or started again) since the one before.
            var starts = book.Starts;
            await AwaitConditionAsync(() => Task.FromResult(book.Starts >= starts + 5), TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(10));
            taken.Add(await ShardedSnapshots.Get(Nodes[round % Nodes.Count]).TakeAsync(ShardedAccount.TypeName, TimeSpan.FromSeconds(20)));
        }

        Assert.All(taken, s => Assert.True(ShardedAccount.Money(s, Accounts, OpeningBalance) == Accounts * OpeningBalance,
            $"snapshot {s.Id} holds {ShardedAccount.Money(s, Accounts, OpeningBalance)}, not {Accounts * OpeningBalance}:\n{s.Describe()}"));
        Assert.Equal(Enumerable.Range(1, taken.Count).Select(i => (long)i), taken.Select(s => s.Id));
        Assert.All(taken, s => Assert.Equal(Nodes.Count, s.Nodes.Count));
        // Deposits were caught on their way between accounts, and accounts were caught passivated.
        Assert.Contains(taken, s => s.InFlight.Count > 0);
        Assert.Contains(taken, s => s.Passivated > 0);
        Assert.True(book.Starts > taken[^1].Entities.Count, $"{book.Starts} starts of {taken[^1].Entities.Count} accounts: none passivated and started again");
    }
}
