using Akka.Actor;
using Akka.Remote;
using Akka.Remote.Transport;
using Snapshot.Runtime.Tests.Bank;
using Snapshot.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests.Cluster;

/// <summary>
/// A node the failure detector stops hearing from fails the snapshots waiting for it at once, naming it, instead of
/// letting them run into their timeout; once it is reachable again the next snapshot covers it. The throttler
/// transport adapter cuts the traffic between two nodes for real.
/// Nobody is downed meanwhile.
/// </summary>
[Collection(ThrottledRemoting.Name)]
public sealed class NodeUnreachableSpec(ITestOutputHelper output) : ClusterTestKit(output, """
    akka.remote.dot-netty.tcp.applied-adapters = [trttl]
    akka.cluster.failure-detector.acceptable-heartbeat-pause = 1s
    akka.cluster.failure-detector.heartbeat-interval = 200ms
    akka.cluster.downing-provider-class = ""
    """)
{
    private const long OpeningBalance = 1000;

    [Fact]
    public async Task A_node_that_becomes_unreachable_mid_snapshot_fails_it_with_NodeUnreachable_and_the_next_one_covers_it_again()
    {
        var cutOff = Nodes[2];
        var cutOffAddress = Akka.Cluster.Cluster.Get(cutOff).SelfAddress;
        using var gate = new Gate();
        var stuck = await OpenBankWithStuckParticipantAsync(cutOff, gate, OpeningBalance);
        var snapshot = await StartSnapshotHeldUpByAsync(stuck, TimeSpan.FromSeconds(60));
        await ThrottleAsync(cutOffAddress, Blackhole.Instance);

        var failure = await Assert.ThrowsAsync<SnapshotFailedException>(() => snapshot.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(SnapshotFailureReason.NodeUnreachable, failure.Reason);
        Assert.Contains(cutOffAddress.ToString(), failure.Message);
        gate.Open();

        await ThrottleAsync(cutOffAddress, Unthrottled.Instance);
        await AwaitAssertAsync(() => Assert.Empty(Akka.Cluster.Cluster.Get(Sys).State.Unreachable), TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(100));
        // The coordinator hears the node is reachable again through its own subscription, a moment after the cluster's state says so.
        await AwaitAssertAsync(async () => Assert.Equal(4, (await GlobalSnapshots.Get(Sys).ParticipantsAsync(Account.Group)).Count),
            TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(100));
        var next = await GlobalSnapshots.Get(Sys).TakeAsync(Account.Group);
        Assert.Equal(4, next.Processes.Count);
        Assert.Equal(3 * OpeningBalance, BankMoney(next));
    }

    [Fact]
    public async Task While_a_node_with_participants_is_unreachable_a_snapshot_fails_naming_it_rather_than_covering_the_rest()
    {
        var cutOff = Nodes[2];
        var cutOffAddress = Akka.Cluster.Cluster.Get(cutOff).SelfAddress;
        foreach (var (system, n) in Nodes.Select((system, n) => (system, n)))
            system.ActorOf(Props.Create(() => new Account(OpeningBalance)), $"account-{n}");
        await Task.WhenAll(Nodes.Select(system => GlobalSnapshots.Get(system).WaitForLocalParticipantsAsync(1, Account.Group)));
        Assert.Equal(3, (await GlobalSnapshots.Get(Sys).TakeAsync(Account.Group)).Processes.Count);

        await ThrottleAsync(cutOffAddress, Blackhole.Instance);
        await AwaitAssertAsync(() => Assert.Contains(cutOffAddress, Akka.Cluster.Cluster.Get(Sys).State.Unreachable.Select(m => m.Address)),
            TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(100));

        var failure = await Assert.ThrowsAsync<SnapshotFailedException>(() => GlobalSnapshots.Get(Sys).TakeAsync(Account.Group));
        Assert.Equal(SnapshotFailureReason.NodeUnreachable, failure.Reason);
        Assert.Contains($"{cutOffAddress} (is unreachable)", failure.Message);
        var listing = await Assert.ThrowsAsync<SnapshotFailedException>(() => GlobalSnapshots.Get(Sys).ParticipantsAsync(Account.Group));
        Assert.Equal(SnapshotFailureReason.NodeUnreachable, listing.Reason);

        await ThrottleAsync(cutOffAddress, Unthrottled.Instance);
        await AwaitAssertAsync(async () => Assert.Equal(3, (await GlobalSnapshots.Get(Sys).TakeAsync(Account.Group)).Processes.Count),
            TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(100));
    }

    /// <summary>Applies <paramref name="mode"/> to the traffic between the first node and <paramref name="node"/>, both ways, on both ends.</summary>
    private async Task ThrottleAsync(Address node, ThrottleMode mode)
    {
        Assert.True(await Transport(Sys).ManagementCommand(new SetThrottle(node, ThrottleTransportAdapter.Direction.Both, mode)));
        Assert.True(await Transport(Nodes[2]).ManagementCommand(new SetThrottle(Akka.Cluster.Cluster.Get(Sys).SelfAddress, ThrottleTransportAdapter.Direction.Both, mode)));
    }
}
