using Akka.Actor;
using Snapshot.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests.Cluster;

/// <summary>
/// A participant restarted during a snapshot started on another node: only its own node hears of the restart,
/// and its new instance, reached by a later marker, must not record a second time (its predecessor had already
/// closed channels with its markers), or the cut would lose or invent money.
/// </summary>
public sealed class RestartSpec(ITestOutputHelper output) : ClusterTestKit(output)
{
    private const string Group = "restart";

    [Fact]
    public async Task A_participant_restarted_mid_snapshot_started_on_another_node_fails_it_with_ParticipantRestarted_and_the_next_one_is_exact()
    {
        var (crashingNode, blockedNode) = (Nodes[1], Nodes[2]);
        var crashing = crashingNode.ActorOf(Node.Props(Group), "crashing");
        var blocked = blockedNode.ActorOf(Node.Props(Group), "blocked");
        await GlobalSnapshots.Get(crashingNode).WaitForLocalParticipantsAsync(1, Group);
        await GlobalSnapshots.Get(blockedNode).WaitForLocalParticipantsAsync(1, Group);
        using var gate = new Gate();
        blocked.Tell(new Block(gate, TestActor));
        await ExpectMsgAsync<Blocked>();

        var snapshot = GlobalSnapshots.Get(Sys).TakeAsync(Group, initiator: SeenFrom(Sys, crashing), timeout: TimeSpan.FromSeconds(30));
        // The initiator's marker waits behind the gate: the crashing one has recorded and closed its channel to the blocked one.
        await AwaitConditionAsync(() => Task.FromResult(((ActorRefWithCell)blocked).Underlying.NumberOfMessages > 0));
        crashing.Tell(new Crash());
        // Its new instance pays after the marker its predecessor sent: in no channel of the snapshot.
        crashing.Tell(new PayTo(SeenFrom(crashingNode, blocked), 5, "after the restart"));
        gate.Open();

        var failure = await Assert.ThrowsAsync<SnapshotFailedException>(() => snapshot.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(SnapshotFailureReason.ParticipantRestarted, failure.Reason);
        Assert.Contains("crashing", failure.Message);

        await AwaitAssertAsync(async () => Assert.Equal(105L, await blocked.Ask<long>(new GetBalance(), TimeSpan.FromSeconds(3))));
        var next = await GlobalSnapshots.Get(Sys).TakeAsync(Group);
        Assert.Equal(2, next.Processes.Count);
        Assert.Equal(200L, next.Processes.Sum(p => (long)p.State!) + next.Channels.SelectMany(c => c.Messages).OfType<Credit>().Sum(c => c.Amount));
    }
}
