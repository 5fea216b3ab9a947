using Akka.TestKit.Xunit2;
using Snapshot.Analysis;
using Snapshot.Cli.Deadlock;
using Snapshot.Testing;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Snapshot.Runtime.Tests.Analysis;

/// <summary>The runs of <c>demo deadlock</c> under the test kit: real lock actors and users, a snapshot of them, analysed.</summary>
public sealed class DeadlockSpec(ITestOutputHelper output) : TestKit(DeadlockRun.Config, output: output)
{
    [Fact]
    public async Task The_seeds_deadlock_made_by_real_actors_is_one_cycle_in_their_snapshot()
    {
        var (answers, snapshot) = await DeadlockRun.PlayAsync(Sys, DeadlockScenario.Deadlocked, CancellationToken.None);

        Assert.Equal(["A holds lock 1", "B holds lock 2", "A waits for lock 2", "B waits for lock 1"], answers.Select(a => a.ToString()));
        var report = Deadlocks.Find(snapshot);
        var cycle = Assert.Single(report.Cycles);
        Assert.Equal("A →(lock 2)→ B →(lock 1)→ A", cycle.ToString());
        Assert.Equal(["A", "B"], cycle.Participants.Select(p => p.Path.Name));
        Assert.Equal(["lock 2", "lock 1"], cycle.Resources);
        Assert.Empty(report.Handovers);
    }

    [Fact]
    public async Task The_no_deadlock_invariant_fails_on_the_deadlocked_run_naming_the_cycle_and_showing_the_states()
    {
        await DeadlockRun.PlayAsync(Sys, DeadlockScenario.Deadlocked, CancellationToken.None);

        var failure = await Assert.ThrowsAnyAsync<XunitException>(() => this.AssertInvariantsAsync([Deadlocks.None], DeadlockRun.Group));

        Assert.Contains("1 invariant(s) do not hold:\n  no deadlock: A →(lock 2)→ B →(lock 1)→ A\n", failure.Message);
        Assert.Contains("A: holds lock 1; waits for lock 2", failure.Message);
        Assert.Contains("lock-2: held by B, queue: A", failure.Message);
    }

    [Fact]
    public async Task Locks_taken_in_one_order_leave_a_wait_and_no_deadlock()
    {
        var (answers, _) = await DeadlockRun.PlayAsync(Sys, DeadlockScenario.Ordered, CancellationToken.None);

        var snapshot = await this.AssertInvariantsAsync([Deadlocks.None], DeadlockRun.Group);

        Assert.Equal(["A holds lock 1", "A holds lock 2", "B waits for lock 1"], answers.Select(a => a.ToString()));
        Assert.Equal(["B →(lock 1)→ A"], Deadlocks.Find(snapshot).WaitsFor.Select(e => e.ToString()));
    }

    [Fact]
    public async Task A_grant_recorded_in_flight_is_no_deadlock()
    {
        var (answers, snapshot) = await DeadlockRun.PlayAsync(Sys, DeadlockScenario.GrantInFlight, CancellationToken.None);

        Assert.Equal(["A holds lock 1", "A holds lock 2"], answers.Select(a => a.ToString()));
        var a = snapshot.Processes.Single(p => p.Participant.Path.Name == "A");
        var lock2 = snapshot.Processes.Single(p => p.Participant.Path.Name == "lock-2");
        Assert.Equal([new Granted("lock 2")], snapshot.MessagesOn(lock2.Participant, a.Participant));
        Assert.Equal("holds lock 1; waits for lock 2", $"{a.State}");
        Assert.Equal("held by A", $"{lock2.State}");
        var report = Deadlocks.Find(snapshot);
        Assert.Equal(["lock 2 in flight lock-2 → A"], report.Handovers.Select(h => h.ToString()));
        Assert.Empty(report.WaitsFor);
        Assert.Empty(report.Cycles);
        // Read without the grant, the same states have A wait for a lock its manager says A holds.
        var withoutHandovers = Deadlocks.Find(snapshot, p => p.State is IResourceState state ? state.ResourceClaims(p.Participant) : [], _ => null);
        Assert.Equal(["A →(lock 2)→ A"], withoutHandovers.Cycles.Select(c => c.ToString()));
    }
}
