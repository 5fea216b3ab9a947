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
/// </summary>
public sealed class AssociationLostSpec(ITestOutputHelper output) : ClusterTestKit(output, """
    akka.remote.dot-netty.tcp.applied-adapters = [trttl]
    akka.remote.retry-gate-closed-for = 300ms
    """)
{
    private const long OpeningBalance = 1000;

    [Fact]
    public async Task A_dropped_association_between_two_nodes_of_the_snapshot_fails_it_and_the_next_one_succeeds()
    {
        var accounts = Nodes.Select((node, n) => node.ActorOf(Props.Create(() => new Account(OpeningBalance)), $"account-{n}")).ToArray();
        await Task.WhenAll(Nodes.Select(node => GlobalSnapshots.Get(node).WaitForLocalParticipantsAsync(1, Account.Group)));
        var (dropping, dropped) = (Nodes[1], Nodes[2]);
        using var gate = new Gate();
        var stuck = dropping.ActorOf(Node.Props(Account.Group, balance: 0), "stuck");
        stuck.Tell(new Block(gate, TestActor));
        await ExpectMsgAsync<Blocked>();
        await GlobalSnapshots.Get(dropping).WaitForLocalParticipantsAsync(2, Account.Group);

        var snapshot = GlobalSnapshots.Get(Sys).TakeAsync(Account.Group, timeout: TimeSpan.FromSeconds(30));
        // Once the blocked participant's Initiate is queued, the snapshot runs across all three nodes.
        await AwaitConditionAsync(() => Task.FromResult(((ActorRefWithCell)stuck).Underlying.NumberOfMessages > 0));
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
        Assert.Equal(3 * OpeningBalance, Account.Money(next) + (long)next.Processes.Single(p => p.Participant.Path.Name == "stuck").State!);
    }

    private static Akka.Remote.RemoteTransport Transport(ActorSystem node) => ((IRemoteActorRefProvider)((ExtendedActorSystem)node).Provider).Transport;

    /// <summary>Waits until <paramref name="from"/> hears back from <paramref name="to"/> again, after the gate of the dropped association.</summary>
    private async Task AwaitTalkingAsync(ActorSystem from, ActorSystem to)
    {
        var coordinator = from.ActorSelection(new RootActorPath(Akka.Cluster.Cluster.Get(to).SelfAddress) / "system" / "global-snapshots");
        await AwaitAssertAsync(async () => Assert.NotNull((await coordinator.Ask<ActorIdentity>(new Identify(1), TimeSpan.FromMilliseconds(500))).Subject),
            TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(100));
    }
}
