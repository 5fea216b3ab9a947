using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Akka.TestKit.Xunit2;
using Snapshot.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests.Cluster;

/// <summary>
/// A node whose membership is still Joining already hosts participants, and other nodes may already see it Up and send
/// to them: a snapshot covers them too. Here the cluster's leader holds both nodes at Joining
/// (<c>min-nr-of-members = 3</c> of a cluster of two), the state a node is in everywhere before any node sees it Up.
/// </summary>
public sealed class JoiningMembersSpec : TestKit, IAsyncLifetime
{
    private const string Group = "joining-members";

    private static readonly Config NodeConfig = ConfigurationFactory.ParseString("akka.cluster.min-nr-of-members = 3").WithFallback(ClusterTestKit.NodeConfig);

    private readonly ActorSystem _other;

    public JoiningMembersSpec(ITestOutputHelper output) : base(NodeConfig, "snapshot", output) =>
        _other = ActorSystem.Create("snapshot", NodeConfig.WithFallback(Sys.Settings.Config));

    public async Task InitializeAsync()
    {
        var seed = Akka.Cluster.Cluster.Get(Sys).SelfAddress;
        Akka.Cluster.Cluster.Get(Sys).Join(seed);
        Akka.Cluster.Cluster.Get(_other).Join(seed);
        await AwaitAssertAsync(() => Assert.All(new[] { Sys, _other }, node =>
            Assert.Equal([MemberStatus.Joining, MemberStatus.Joining], Akka.Cluster.Cluster.Get(node).State.Members.Select(m => m.Status))), TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync() => await _other.Terminate();

    [Fact]
    public async Task A_snapshot_covers_the_participants_of_a_node_that_is_still_joining()
    {
        Sys.ActorOf(Node.Props(Group), "here");
        _other.ActorOf(Node.Props(Group), "joining");
        await GlobalSnapshots.Get(Sys).WaitForLocalParticipantsAsync(1, Group);
        await GlobalSnapshots.Get(_other).WaitForLocalParticipantsAsync(1, Group);

        var snapshot = await GlobalSnapshots.Get(Sys).TakeAsync(Group, timeout: TimeSpan.FromSeconds(20));

        Assert.Equal(["here", "joining"], snapshot.Processes.Select(p => p.Participant.Path.Name).Order());
        Assert.Equal(200, snapshot.Processes.Sum(p => (long)p.State!));
    }
}
