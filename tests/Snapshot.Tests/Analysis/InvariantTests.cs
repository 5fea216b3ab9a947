using Snapshot.Analysis;
using Snapshot.Tests.Chaos;

namespace Snapshot.Tests.Analysis;

public sealed class InvariantTests(NamedRefs refs) : IClassFixture<NamedRefs>
{
    private sealed record Deposit(long Amount);

    private static readonly Conservation Money = new("money", state => state is long balance ? balance : 0, message => message is Deposit d ? d.Amount : 0);

    // 900 + 2000 in balances, 50 in flight, 40 + 10 stashed: 3000; the string in flight carries no money.
    private Runtime.GlobalSnapshot Bank() => new SnapshotBuilder(refs)
        .Process("acct1", 900L, new Deposit(40), new Deposit(10))
        .Process("acct2", 2000L)
        .Channel("acct2", "acct1", new Deposit(50), "hello")
        .Build();

    [Fact]
    public void Conservation_measures_states_stashes_and_messages_in_flight() =>
        Assert.Equal(new ConservedAmounts(2900, 50, 50), Money.Measure(Bank()));

    [Fact]
    public void Conservation_holds_for_the_expected_total_and_says_where_it_is()
    {
        var result = Money.TotalIs(3000).Check(Bank());

        Assert.Equal(InvariantResult.Held("3000 (states 2900 + stashed 50 + in flight 50)"), result);
    }

    [Fact]
    public void Conservation_violated_names_expected_actual_and_the_difference()
    {
        var violations = Invariants.Check(Bank(), Money.TotalIs(3001), Money.TotalIs(_ => 2990));

        Assert.Equal(
        [
            new InvariantViolation("money is conserved", "expected 3001, the snapshot holds 3000 (states 2900 + stashed 50 + in flight 50), -1"),
            new InvariantViolation("money is conserved", "expected 2990, the snapshot holds 3000 (states 2900 + stashed 50 + in flight 50), +10"),
        ], violations);
    }

    [Fact]
    public void Check_returns_every_violation_in_the_order_given_and_nothing_for_invariants_that_hold()
    {
        var violations = Invariants.Check(Bank(),
            SnapshotInvariant.That("two accounts", s => s.Processes.Count == 2),
            SnapshotInvariant.That("nothing in flight", s => s.RecordedMessages == 0),
            Money.TotalIs(3000),
            new SnapshotInvariant("no stash", s => s.Processes.Sum(p => p.Stashed.Count) is var n && n == 0
                ? InvariantResult.Held("empty")
                : InvariantResult.Violated($"{n} messages stashed")));

        Assert.Equal(
            [new InvariantViolation("nothing in flight", "does not hold"), new InvariantViolation("no stash", "2 messages stashed")],
            violations);
    }
}
