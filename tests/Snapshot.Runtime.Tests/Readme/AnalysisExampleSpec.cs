using Akka.Actor;
using Akka.TestKit.Xunit2;
using Snapshot.Analysis;

namespace Snapshot.Runtime.Tests.Readme;

/// <summary>The README's analyses on hand-made snapshots whose answers the README states.</summary>
public sealed class AnalysisExampleSpec : TestKit
{
    private static readonly DateTimeOffset TakenAt = new(2026, 11, 25, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Ten_lost_from_the_bank_is_the_violation_the_README_quotes()
    {
        var (a, b) = (Sys.ActorOf(Props.Empty, "account-0"), Sys.ActorOf(Props.Empty, "account-1"));
        var (c, d) = (Sys.ActorOf(Props.Empty, "account-2"), Sys.ActorOf(Props.Empty, "account-3"));
        var snapshot = Snapshot(
            [new ProcessState(a, 940L, []), new ProcessState(b, 1000L, []), new ProcessState(c, 1000L, []), new ProcessState(d, 1000L, [])],
            [new ChannelState(a, b, [new Deposit(50)])]);

        var violation = Assert.Single(BankAudit(snapshot));

        Assert.Equal("money is conserved: expected 4000, the snapshot holds 3990 (states 3940 + stashed 0 + in flight 50), -10", violation.ToString());
    }

    [Fact]
    public void Two_workers_each_waiting_for_the_others_lock_are_the_cycle_the_README_quotes()
    {
        var (a, b) = (Sys.ActorOf(Props.Empty, "A"), Sys.ActorOf(Props.Empty, "B"));

        var (report, garbage) = WorkerAudit.Of(Snapshot([new ProcessState(a, Waiting("lock 1", "lock 2"), []), new ProcessState(b, Waiting("lock 2", "lock 1"), [])], []));

        Assert.Equal(["A →(lock 2)→ B →(lock 1)→ A"], report.Cycles.Select(c => c.ToString()));
        Assert.Empty(garbage.Unreachable);
    }

    [Fact]
    public void A_grant_in_flight_to_the_waiter_is_no_deadlock()
    {
        var (a, b) = (Sys.ActorOf(Props.Empty, "A"), Sys.ActorOf(Props.Empty, "B"));
        // B has given lock 2 to A and no longer holds it; A's recorded state still waits for it.
        var snapshot = Snapshot(
            [new ProcessState(a, Waiting("lock 1", "lock 2"), []), new ProcessState(b, new Worker([], ["lock 1"]), [])],
            [new ChannelState(b, a, [new Granted("lock 2")])]);

        Assert.Empty(WorkerAudit.Of(snapshot).Deadlocks.Cycles);
    }

    private static Worker Waiting(string held, string awaited) => new([held], [awaited]);

    private static IReadOnlyList<InvariantViolation> BankAudit(GlobalSnapshot snapshot) =>
        Invariants.Check(snapshot, new Conservation("money",
            state => state is long balance ? balance : 0,
            message => message switch { Withdrawal w => w.Amount, Deposit d => d.Amount, _ => 0 }).TotalIs(Bank.Money), Deadlocks.None);

    // Every participant tells every participant: a complete graph's channels.
    private static GlobalSnapshot Snapshot(IReadOnlyList<ProcessState> processes, IReadOnlyList<ChannelState> channels) =>
        new(1, "audit", null, processes, channels, processes.Count * processes.Count, TakenAt, TakenAt);
}
