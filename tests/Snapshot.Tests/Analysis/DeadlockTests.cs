using Snapshot.Analysis;
using Snapshot.Tests.Chaos;

namespace Snapshot.Tests.Analysis;

public sealed class DeadlockTests(NamedRefs refs) : IClassFixture<NamedRefs>
{
    [Fact]
    public void The_seeds_deadlock_is_one_cycle_through_both_processes_and_both_locks()
    {
        var report = Deadlocks.Find(Snapshot()
            .Process("A", new Worker(["lock 1"], ["lock 2"]))
            .Process("B", new Worker(["lock 2"], ["lock 1"]))
            .Build());

        var cycle = Assert.Single(report.Cycles);
        Assert.Equal("A →(lock 2)→ B →(lock 1)→ A", cycle.ToString());
        Assert.Equal([refs["A"], refs["B"]], cycle.Participants);
        Assert.Equal(["lock 2", "lock 1"], cycle.Resources);
        Assert.Equal(["A →(lock 2)→ B", "B →(lock 1)→ A"], report.WaitsFor.Select(e => e.ToString()));
        Assert.True(report.IsDeadlocked);
    }

    [Fact]
    public void A_cycle_starts_at_its_first_participant_by_name_whatever_the_snapshots_order()
    {
        var report = Deadlocks.Find(Snapshot()
            .Process("carol", new Worker(["c"], ["a"]))
            .Process("bob", new Worker(["b"], ["c"]))
            .Process("alice", new Worker(["a"], ["b"]))
            .Build());

        Assert.Equal(["alice →(b)→ bob →(c)→ carol →(a)→ alice"], report.Cycles.Select(c => c.ToString()));
    }

    [Fact]
    public void A_cycle_of_three_is_found_and_a_participant_waiting_on_it_is_not_part_of_it()
    {
        var report = Deadlocks.Find(Snapshot()
            .Process("A", new Worker(["a"], ["b"]))
            .Process("B", new Worker(["b"], ["c"]))
            .Process("C", new Worker(["c"], ["a"]))
            .Process("D", new Worker(["d"], ["a"]))
            .Process("E", new Worker([], ["d"]))
            .Build());

        Assert.Equal(["A →(b)→ B →(c)→ C →(a)→ A"], report.Cycles.Select(c => c.ToString()));
        Assert.Equal(["A →(b)→ B", "B →(c)→ C", "C →(a)→ A", "D →(a)→ A", "E →(d)→ D"], report.WaitsFor.Select(e => e.ToString()));
    }

    [Fact]
    public void Waits_without_a_cycle_are_no_deadlock()
    {
        var report = Deadlocks.Find(Snapshot()
            .Process("A", new Worker(["lock 1", "lock 2"], []))
            .Process("B", new Worker([], ["lock 1"]))
            .Process("C", new Worker([], ["lock 3"])) // free: nobody holds it
            .Build());

        Assert.Empty(report.Cycles);
        Assert.False(report.IsDeadlocked);
        Assert.Equal(["B →(lock 1)→ A"], report.WaitsFor.Select(e => e.ToString()));
    }

    [Fact]
    public void A_grant_in_flight_is_not_a_deadlock()
    {
        var report = Deadlocks.Find(LockTwoGrantedToA(new Handover("lock 2")));

        Assert.Empty(report.Cycles);
        Assert.Equal(["B →(lock 1)→ A"], report.WaitsFor.Select(e => e.ToString()));
        Assert.Equal(["lock 2 in flight manager → A"], report.Handovers.Select(h => h.ToString()));
    }

    [Fact]
    public void Without_the_grant_in_flight_the_same_states_wait_on_themselves() =>
        Assert.Equal(["A →(lock 2)→ A"], Deadlocks.Find(LockTwoGrantedToA()).Cycles.Select(c => c.ToString()));

    [Fact]
    public void A_release_in_flight_takes_the_lock_from_the_holder_the_manager_still_names()
    {
        // B gave lock 2 back and asked for lock 1; the manager, not yet told, still names B as lock 2's holder.
        var table = new LockTable([(refs["A"], "lock 1"), (refs["B"], "lock 2")], [(refs["A"], "lock 2"), (refs["B"], "lock 1")]);
        var snapshot = Snapshot()
            .Process("A", new Worker(["lock 1"], ["lock 2"]))
            .Process("B", new Worker([], ["lock 1"]))
            .Process("manager", table)
            .Channel("B", "manager", new Handover("lock 2"));

        var report = Deadlocks.Find(snapshot.Build());

        Assert.Empty(report.Cycles);
        Assert.Equal(["A →(lock 2)→ manager", "B →(lock 1)→ A"], report.WaitsFor.Select(e => e.ToString()));
    }

    [Fact]
    public void A_stashed_grant_counts_like_one_in_flight()
    {
        var table = new LockTable([(refs["A"], "lock 1"), (refs["A"], "lock 2")], []);
        var report = Deadlocks.Find(Snapshot()
            .Process("A", new Worker(["lock 1"], ["lock 2"]), new Handover("lock 2"))
            .Process("manager", table)
            .Build());

        Assert.Empty(report.Cycles);
        Assert.Empty(report.WaitsFor);
        Assert.Equal(["lock 2 in A's stash"], report.Handovers.Select(h => h.ToString()));
    }

    [Fact]
    public void Several_locks_between_the_same_two_participants_are_one_edge_and_cycles_sharing_a_participant_are_each_reported()
    {
        var report = Deadlocks.Find(Snapshot()
            .Process("A", new Worker(["a"], ["b1", "b2", "c"]))
            .Process("B", new Worker(["b2", "b1"], ["a"]))
            .Process("C", new Worker(["c"], ["a"]))
            .Build());

        Assert.Equal(["A →(b1, b2)→ B →(a)→ A", "A →(c)→ C →(a)→ A"], report.Cycles.Select(c => c.ToString()));
    }

    [Fact]
    public void The_application_can_describe_states_and_messages_without_implementing_the_interfaces()
    {
        // States as plain strings "holds>waits", handovers as strings "grant:LOCK".
        var report = Deadlocks.Find(
            Snapshot().Process("A", "1>2").Process("B", "2>1").Process("C", "3>").Channel("C", "B", "grant:1").Build(),
            process => process.State is string text && text.Split('>') is [var held, var awaited]
                ? new[] { ResourceClaim.Holds(process.Participant, held) }.Concat(awaited.Length > 0 ? [ResourceClaim.WaitsFor(process.Participant, awaited)] : [])
                : [],
            message => message is string text && text.StartsWith("grant:") ? text["grant:".Length..] : null);

        Assert.Empty(report.Cycles);
        Assert.Equal(["A →(2)→ B"], report.WaitsFor.Select(e => e.ToString()));
    }

    [Fact]
    public void No_deadlock_is_an_invariant_whose_violation_lists_every_cycle()
    {
        var deadlocked = Snapshot()
            .Process("A", new Worker(["lock 1"], ["lock 2"]))
            .Process("B", new Worker(["lock 2"], ["lock 1"]))
            .Build();

        Assert.Equal([new InvariantViolation("no deadlock", "A →(lock 2)→ B →(lock 1)→ A")], Invariants.Check(deadlocked, Deadlocks.None));
        Assert.Empty(Invariants.Check(Snapshot().Process("A", new Worker(["lock 1"], [])).Build(), Deadlocks.None));
    }

    private SnapshotBuilder Snapshot() => new(refs);

    // The manager granted lock 2 to A and wrote A down as its holder; A recorded before the grant arrived, still waiting.
    private Runtime.GlobalSnapshot LockTwoGrantedToA(params object[] managerToA) => Snapshot()
        .Process("A", new Worker(["lock 1"], ["lock 2"]))
        .Process("B", new Worker([], ["lock 1"]))
        .Process("manager", new LockTable([(refs["A"], "lock 1"), (refs["A"], "lock 2")], [(refs["B"], "lock 1")]))
        .Channel("manager", "A", managerToA)
        .Build();
}
