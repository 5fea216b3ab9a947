using Akka.Actor;
using Snapshot.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests.Cluster;

/// <summary>
/// A node removed from the cluster leaves nothing of its own behind on the others: the layouts its coordinator shared
/// with them go, as every restart of a node would otherwise leave one per group (every member of it) on every other node.
/// </summary>
public sealed class DepartedLayoutsSpec(ITestOutputHelper output) : ClusterTestKit(output)
{
    private const string Group = "departing";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task The_layouts_a_removed_node_shared_are_dropped_by_the_nodes_that_stay()
    {
        foreach (var (node, i) in Nodes.Select((node, i) => (node, i)))
        {
            node.ActorOf(Node.Props(Group), $"member-{i}");
            await GlobalSnapshots.Get(node).WaitForLocalParticipantsAsync(1, Group);
        }
        var here = GlobalSnapshots.Get(Sys);
        await here.TakeAsync(Group, timeout: Timeout);
        var before = await LayoutTablesAsync(here);
        var leaving = Nodes[2];
        await GlobalSnapshots.Get(leaving).TakeAsync(Group, timeout: Timeout);
        var shared = await LayoutTablesAsync(here);
        Assert.Equal([before[0] + 1, before[1] + 1], shared); // its coordinator's layout, kept here for its snapshots

        var address = Akka.Cluster.Cluster.Get(leaving).SelfAddress;
        Akka.Cluster.Cluster.Get(Sys).Down(address);
        await AwaitAssertAsync(() => Assert.DoesNotContain(address, Akka.Cluster.Cluster.Get(Sys).State.Members.Select(m => m.Address)), Timeout);

        await AwaitAssertAsync(async () => Assert.Equal(before, await LayoutTablesAsync(here)), Timeout);
    }

    /// <summary>The layouts this node holds, and the coordinators and groups it holds them for.</summary>
    private static async Task<int[]> LayoutTablesAsync(GlobalSnapshots snapshots)
    {
        var sizes = await snapshots.ReadTableSizesAsync(Timeout);
        return [.. new[] { "node.layouts", "node.layout-owners" }.Select(table => sizes.Single(size => size.Table == table).Size)];
    }
}
