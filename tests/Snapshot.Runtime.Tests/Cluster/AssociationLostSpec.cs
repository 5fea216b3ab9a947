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
/// drops the association for real, on one end; a short gate lets that end associate again soon after.
/// The other end's throttler sees only the connection close, and stops without telling remoting, which leaves
/// that to the transport failure detector (120 s by default, a few seconds here): until it fires, that end keeps
/// writing into the closed connection.
/// The nodes neither mark each other unreachable nor down anyone while the link comes back.
/// </summary>
[Collection(ThrottledRemoting.Name)]
public sealed class AssociationLostSpec(ITestOutputHelper output) : ClusterTestKit(output, """
    akka.remote.dot-netty.tcp.applied-adapters = [trttl]
    akka.remote.retry-gate-closed-for = 300ms
    akka.remote.transport-failure-detector.heartbeat-interval = 1s
    akka.remote.transport-failure-detector.acceptable-heartbeat-pause = 10s
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
        var (droppingAddress, droppedAddress) = (Akka.Cluster.Cluster.Get(dropping).SelfAddress, Akka.Cluster.Cluster.Get(dropped).SelfAddress);
        var droppedEnd = CreateTestProbe(dropped);
        dropped.EventStream.Subscribe(droppedEnd.Ref, typeof(DisassociatedEvent));
        // One end only: dropping the other end as well would race the close of the connection that this drop
        // causes. Whichever reaches that end's throttler first wins, and a command that comes second finds the
        // throttler stopped, so that end would learn nothing from it either (or, late enough, it drops the new
        // association instead).
        Assert.True(await Transport(dropping).ManagementCommand(new ForceDisassociateExplicitly(droppedAddress, DisassociateInfo.Unknown)));

        var failure = await Assert.ThrowsAsync<SnapshotFailedException>(() => snapshot.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(SnapshotFailureReason.AssociationLost, failure.Reason);
        Assert.Contains(droppedAddress.ToString(), failure.Message);
        Assert.Contains(droppingAddress.ToString(), failure.Message);
        gate.Open();

        // The next snapshot must not start before the dropped end has found out too, or that would fail it.
        await droppedEnd.FishForMessageAsync<DisassociatedEvent>(e => e.RemoteAddress == droppingAddress, TimeSpan.FromSeconds(60));
        await AwaitTalkingAsync(dropping, dropped);
        var next = await GlobalSnapshots.Get(Sys).TakeAsync(Account.Group);
        Assert.Equal(4, next.Processes.Count);
        Assert.Equal(3 * OpeningBalance, BankMoney(next));
    }

    /// <summary>
    /// Waits until <paramref name="from"/> hears back from <paramref name="to"/>'s coordinator again, after the gates
    /// of the dropped association; the coordinator has then handled the DisassociatedEvent of its own end.
    /// </summary>
    private async Task AwaitTalkingAsync(ActorSystem from, ActorSystem to)
    {
        var coordinator = from.ActorSelection(new RootActorPath(Akka.Cluster.Cluster.Get(to).SelfAddress) / "system" / "global-snapshots");
        await AwaitAssertAsync(async () => Assert.NotNull((await coordinator.Ask<ActorIdentity>(new Identify(1), TimeSpan.FromSeconds(1))).Subject),
            TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));
    }
}
