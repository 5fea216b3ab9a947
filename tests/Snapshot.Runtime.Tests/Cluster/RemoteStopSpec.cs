using Akka.Actor;
using Snapshot.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests.Cluster;

/// <summary>
/// A participant stopped during a snapshot started on another node: it will never send its part, and its own node's
/// coordinator does not run the snapshot, so the coordinator that does must hear of the stop itself (it watches the
/// other nodes' participants) and fail the snapshot at once, rather than wait out its timeout.
/// </summary>
public sealed class RemoteStopSpec(ITestOutputHelper output) : ClusterTestKit(output)
{
    private const string Group = "remote-stop";

    [Fact]
    public async Task A_participant_stopped_mid_snapshot_started_on_another_node_fails_it_with_ParticipantStopped_and_the_next_one_is_exact()
    {
        var (stoppingNode, blockedNode) = (Nodes[1], Nodes[2]);
        var stopping = stoppingNode.ActorOf(Node.Props(Group), "stopping");
        var blocked = blockedNode.ActorOf(Node.Props(Group), "blocked");
        await GlobalSnapshots.Get(stoppingNode).WaitForLocalParticipantsAsync(1, Group);
        await GlobalSnapshots.Get(blockedNode).WaitForLocalParticipantsAsync(1, Group);
        using var gate = new Gate();
        blocked.Tell(new Block(gate, TestActor));
        await ExpectMsgAsync<Blocked>();

        var snapshot = GlobalSnapshots.Get(Sys).TakeAsync(Group, initiator: SeenFrom(Sys, stopping), timeout: TimeSpan.FromSeconds(60));
        // The initiator's marker waits behind the gate: the stopping one has recorded and waits for the blocked one's marker.
        await AwaitConditionAsync(() => Task.FromResult(((ActorRefWithCell)blocked).Underlying.NumberOfMessages > 0));
        Watch(stopping);
        stopping.Tell(PoisonPill.Instance);
        await ExpectTerminatedAsync(stopping);

        var failure = await Assert.ThrowsAsync<SnapshotFailedException>(() => snapshot.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(SnapshotFailureReason.ParticipantStopped, failure.Reason);
        Assert.Contains("stopping", failure.Message);

        gate.Open();
        var next = await GlobalSnapshots.Get(Sys).TakeAsync(Group);
        Assert.Equal([SeenFrom(Sys, blocked)], next.Processes.Select(p => p.Participant));
        Assert.Equal(100L, (long)next.Processes.Single().State!);
    }
}
