using Akka.Actor;
using Akka.Cluster;
using Snapshot.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests.Cluster;

public sealed class JoiningSpec(ITestOutputHelper output) : ClusterTestKit(output)
{
    private const string Group = "joining";

    [Fact]
    public async Task A_node_that_joins_mid_snapshot_takes_part_from_the_next_one()
    {
        using var gate = new Gate();
        var stuck = Nodes[1].ActorOf(Node.Props(Group), "stuck");
        Nodes[0].ActorOf(Node.Props(Group), "first");
        Nodes[2].ActorOf(Node.Props(Group), "third");
        await Task.WhenAll(Nodes.Select(n => GlobalSnapshots.Get(n).WaitForLocalParticipantsAsync(1, Group)));
        stuck.Tell(new Block(gate, TestActor));
        ExpectMsg<Blocked>();

        var running = GlobalSnapshots.Get(Sys).TakeAsync(Group, timeout: TimeSpan.FromSeconds(30));
        // Once the blocked participant's Initiate is queued, the snapshot has started with the three nodes.
        await AwaitConditionAsync(() => Task.FromResult(((ActorRefWithCell)stuck).Underlying.NumberOfMessages > 0));

        var newcomer = ActorSystem.Create("snapshot", Sys.Settings.Config);
        try
        {
            using var joined = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await Akka.Cluster.Cluster.Get(newcomer).JoinAsync(Akka.Cluster.Cluster.Get(Sys).SelfAddress, joined.Token);
            newcomer.ActorOf(Node.Props(Group), "newcomer");
            await GlobalSnapshots.Get(newcomer).WaitForLocalParticipantsAsync(1, Group);
            await AwaitAssertAsync(() => Assert.Equal(4, Akka.Cluster.Cluster.Get(Sys).State.Members.Count(m => m.Status == MemberStatus.Up)));
            gate.Open();

            var during = await running.WaitAsync(TimeSpan.FromSeconds(30));
            var after = await GlobalSnapshots.Get(Sys).TakeAsync(Group);

            Assert.Equal(["first", "stuck", "third"], during.Processes.Select(p => p.Participant.Path.Name).Order());
            Assert.Equal(["first", "newcomer", "stuck", "third"], after.Processes.Select(p => p.Participant.Path.Name).Order());
        }
        finally
        {
            await newcomer.Terminate();
        }
    }
}
