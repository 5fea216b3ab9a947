using Akka.Actor;
using Akka.TestKit.Xunit2;
using Snapshot.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests;

/// <summary>
/// A node that starts shutting down (the cluster downs it, it leaves, its ActorSystem terminates) stops its coordinator:
/// what its callers wait for (a snapshot, the group's participants) fails at once with
/// <see cref="SnapshotFailureReason.ShuttingDown"/> and why, rather than waiting out a timeout of minutes, or forever.
/// On a busy machine a client node the cluster downed used to leave <c>snapshot take</c> waiting so.
/// </summary>
public sealed class ShuttingDownSpec(ITestOutputHelper output) : TestKit(output: output)
{
    private const string Group = "shutting-down";

    [Fact]
    public async Task A_snapshot_and_a_wait_for_participants_fail_with_ShuttingDown_naming_the_downing_as_soon_as_the_node_shuts_down()
    {
        var node = ActorSystem.Create("downed", Sys.Settings.Config);
        try
        {
            var snapshots = GlobalSnapshots.Get(node);
            var blocked = node.ActorOf(Node.Props(Group), "blocked");
            await snapshots.WaitForLocalParticipantsAsync(1, Group);
            using var gate = new Gate();
            blocked.Tell(new Block(gate, TestActor));
            await ExpectMsgAsync<Blocked>();
            // Neither can complete: the only participant is blocked, and a thousand participants will never register.
            var snapshot = snapshots.TakeAsync(Group, timeout: TimeSpan.FromMinutes(10));
            var waiting = snapshots.WaitForLocalParticipantsAsync(1000, Group);

            _ = CoordinatedShutdown.Get(node).Run(CoordinatedShutdown.ClusterDowningReason.Instance);

            foreach (var pending in new Task[] { snapshot, waiting })
            {
                var failure = await Assert.ThrowsAsync<SnapshotFailedException>(() => pending.WaitAsync(TimeSpan.FromSeconds(20)));
                Assert.Equal(SnapshotFailureReason.ShuttingDown, failure.Reason);
                Assert.Equal(Group, failure.Group);
                Assert.Contains("is shutting down (the cluster downed it)", failure.Message);
            }
            gate.Open();
        }
        finally
        {
            await node.Terminate();
        }
    }

    [Fact]
    public async Task Asking_a_node_already_terminated_fails_with_ShuttingDown_at_once()
    {
        var node = ActorSystem.Create("terminated", Sys.Settings.Config);
        var snapshots = GlobalSnapshots.Get(node);
        await node.Terminate();

        var failure = await Assert.ThrowsAsync<SnapshotFailedException>(() => snapshots.ParticipantsAsync(Group).WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(SnapshotFailureReason.ShuttingDown, failure.Reason);
        Assert.Contains("is shutting down", failure.Message);
    }
}
