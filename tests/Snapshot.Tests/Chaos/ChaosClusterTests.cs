using Snapshot.Cli.Chaos;

namespace Snapshot.Tests.Chaos;

/// <summary>The chaos run's cluster, on real nodes inside this process.</summary>
public sealed class ChaosClusterTests
{
    /// <summary>
    /// The run says "node 4 joined with account-13, …" once the node is in; if the cluster has downed it by then, its
    /// accounts are no longer among the open ones, but it still joined with them.
    /// </summary>
    [Fact]
    public async Task A_node_that_joined_keeps_the_accounts_it_opened_once_it_is_down()
    {
        await using var cluster = await ChaosCluster.StartAsync(seed: 1, lostOnItsOwn: _ => { }, CancellationToken.None);
        var node = await cluster.AddNodeAsync(CancellationToken.None);
        var opened = cluster.AccountsOpenedOn(node).Select(a => a.Name).ToList();

        await cluster.CrashAsync(node);

        Assert.Equal(ChaosSettings.AccountsPerNode, opened.Count);
        Assert.DoesNotContain(cluster.Accounts, a => a.Home == node);
        Assert.Equal(opened, cluster.AccountsOpenedOn(node).Select(a => a.Name));
    }
}
