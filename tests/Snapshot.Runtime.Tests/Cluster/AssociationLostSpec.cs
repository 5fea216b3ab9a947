using Akka.Actor;
using Akka.Remote;
using Akka.Remote.Transport;
using Snapshot.Runtime.Tests.Bank;
using Snapshot.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests.Cluster;

/// <summary>
/// A remote association that drops while a snapshot spans it may lose messages without a trace: the snapshot
/// must fail saying so, and once the nodes talk again the next one must succeed. The throttler transport adapter
/// drops the association for real; a short gate lets the nodes associate again soon after.
/// The nodes neither mark each other unreachable nor down anyone while the link comes back.
/// </summary>
[Collection(ThrottledRemoting.Name)]
public sealed class AssociationLostSpec(ITestOutputHelper output) : ClusterTestKit(output, """
    akka.remote.dot-netty.tcp.applied-adapters = [trttl]
    akka.remote.retry-gate-closed-for = 300ms
    akka.cluster.failure-detector.acceptable-heartbeat-pause = 30s
    akka.cluster.downing-provider-class = ""
    """)
{
    private const long OpeningBalance = 1000;

    [Fact]
    public async Task A_dropped_association_between_two_nodes_of_the_snapshot_fails_it_and_the_next_one_succeeds()
    {
        var (dropping, dropped) = (Nodes[1], Nodes[2]);
        using var gate = new Gate();
        var stuck = await OpenBankWithStuckParticipantAsync(dropping, gate, OpeningBalance);
        var snapshot = await StartSnapshotHeldUpByAsync(stuck, TimeSpan.FromSeconds(30));
        var droppedAddress = Akka.Cluster.Cluster.Get(dropped).SelfAddress;
        // A connection that breaks breaks for both ends; the adapter drops one end's handle, so both are dropped.
        Assert.True(await Transport(dropping).ManagementCommand(new ForceDisassociateExplicitly(droppedAddress, DisassociateInfo.Unknown)));
        Assert.True(await Transport(dropped).ManagementCommand(new ForceDisassociateExplicitly(Akka.Cluster.Cluster.Get(dropping).SelfAddress, DisassociateInfo.Unknown)));

        var failure = await Assert.ThrowsAsync<SnapshotFailedException>(() => snapshot.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(SnapshotFailureReason.AssociationLost, failure.Reason);
        Assert.Contains(droppedAddress.ToString(), failure.Message);
        Assert.Contains(Akka.Cluster.Cluster.Get(dropping).SelfAddress.ToString(), failure.Message);
        gate.Open();

        await AwaitTalkingAsync(dropping, dropped);
        var next = await GlobalSnapshots.Get(Sys).TakeAsync(Account.Group);
        Assert.Equal(4, next.Processes.Count);
        Assert.Equal(3 * OpeningBalance, BankMoney(next));
    }

    /// <summary>Waits until <paramref name="from"/> hears back from <paramref name="to"/> again, after the gate of the dropped association.</summary>
    private async Task AwaitTalkingAsync(ActorSystem from, ActorSystem to)
    {
        var coordinator = from.ActorSelection(new RootActorPath(Akka.Cluster.Cluster.Get(to).SelfAddress) / "system" / "global-snapshots");
        await AwaitAssertAsync(async () => Assert.NotNull((await coordinator.Ask<ActorIdentity>(new Identify(1), TimeSpan.FromSeconds(1))).Subject),
            TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));
    }
}
