using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Akka.Remote;
using Snapshot.Cli;

namespace Snapshot.Tests.Cli;

/// <summary>
/// Which of Akka.Remote's reports of a dropped association the CLI's log leaves out: those where either end left the
/// cluster or is leaving it, never those between members that are up. Two real cluster nodes in this process.
/// </summary>
public sealed class DisassociationFromDepartedNodeTests : IAsyncLifetime
{
    private static readonly Address Stranger = Address.Parse("akka.tcp://snapshot@127.0.0.1:1");

    private readonly ActorSystem _node = ActorSystem.Create("snapshot", CliAkkaConfig.LoopbackClusterNode());
    private readonly ActorSystem _other = ActorSystem.Create("snapshot", CliAkkaConfig.LoopbackClusterNode());

    public async Task InitializeAsync()
    {
        var seed = Cluster.Get(_node).SelfAddress;
        await Task.WhenAll(Cluster.Get(_node).JoinAsync(seed), Cluster.Get(_other).JoinAsync(seed));
    }

    public async Task DisposeAsync() => await Task.WhenAll(_node.Terminate(), _other.Terminate());

    [Fact]
    public async Task Left_out_when_either_end_left_the_cluster_or_one_never_was_in_it_kept_between_members_that_are_up()
    {
        var (node, other) = (Cluster.Get(_node).SelfAddress, Cluster.Get(_other).SelfAddress);
        Assert.False(DisassociationFromDepartedNode.Describes(Disassociated(other), _node));
        Assert.False(DisassociationFromDepartedNode.Describes(GatedAfterDisassociation(other), _node));
        Assert.False(DisassociationFromDepartedNode.Describes(Disassociated(node), _other));

        await Cluster.Get(_other).LeaveAsync();

        Assert.True(DisassociationFromDepartedNode.Describes(Disassociated(other), _node));
        Assert.True(DisassociationFromDepartedNode.Describes(GatedAfterDisassociation(other), _node));
        Assert.True(DisassociationFromDepartedNode.Describes(Disassociated(node), _other));
        Assert.True(DisassociationFromDepartedNode.Describes(Disassociated(Stranger), _node));
    }

    [Fact]
    public void Other_errors_about_a_node_that_is_not_in_the_cluster_are_kept()
    {
        var source = EndpointWriter(Stranger);

        Assert.False(DisassociationFromDepartedNode.Describes(new Error(new InvalidOperationException("Disassociated"), source, typeof(object), "Disassociated"), _node));
        Assert.False(DisassociationFromDepartedNode.Describes(new Warning(source, typeof(object), "gated: Akka.Remote.ShutDownAssociation"), _node));
    }

    /// <summary>The error an endpoint writer logs when the association it writes to drops, as Akka.Remote logs it.</summary>
    private static Error Disassociated(Address remote) => new(EndpointDisassociatedException(), EndpointWriter(remote), typeof(object), "Disassociated");

    /// <summary>The warning its supervisor logs along with it.</summary>
    private static Warning GatedAfterDisassociation(Address remote) =>
        new(EndpointWriter(remote)[..^"/endpointWriter".Length], typeof(object),
            $"Association with remote system {remote} has failed; address is now gated for 5000 ms. Reason is: [{EndpointDisassociatedException()}]");

    private static string EndpointWriter(Address remote) =>
        $"akka://snapshot/system/endpointManager/reliableEndpointWriter-{Uri.EscapeDataString(remote.ToString())}-1/endpointWriter";

    // Internal to Akka.Remote: made as Akka.Remote makes it.
    private static Exception EndpointDisassociatedException() =>
        (Exception)Activator.CreateInstance(typeof(RemoteTransportException).Assembly.GetType("Akka.Remote.EndpointDisassociatedException", throwOnError: true)!, "Disassociated")!;
}
