// The code of the README's "Analyses" section, compiled and run by AnalysisExampleSpec. Each README region below is one of
// the section's code blocks, line for line: ReadmeCodeSpec fails when they differ, so change both together.
// The bank is the one of "Embedding" (EmbeddingExample.cs).
using System.Collections.Immutable;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Snapshot.Analysis;
using Snapshot.Testing;

namespace Snapshot.Runtime.Tests.Readme;

public sealed class AuditedBankSpec : TestKit
{
    [Fact]
    public async Task The_running_bank_keeps_its_money_and_never_deadlocks()
    {
        await Bank.OpenAsync(Sys);
        var snapshot = await GlobalSnapshots.Get(Sys).TakeAsync("bank");

        #region README
        // Invariants: a name and a check returning a message; conservation is built in. With the bank above:
        var money = new Conservation("money",
            state => state is long balance ? balance : 0,
            message => message switch { Withdrawal w => w.Amount, Deposit d => d.Amount, _ => 0 });
        IReadOnlyList<InvariantViolation> violations = Invariants.Check(snapshot, money.TotalIs(Bank.Money), Deadlocks.None);
        // "money is conserved: expected 4000, the snapshot holds 3990 (states 3940 + stashed 0 + in flight 50), -10"
        await this.AssertInvariantsAsync([money.TotalIs(Bank.Money), Deadlocks.None], group: "bank"); // in an Akka.TestKit test
        #endregion

        Assert.Empty(violations);
    }
}

#region README
// Deadlocks: a state says who holds and who waits for which resource (itself, or others for a lock manager);
// a message hands a resource to its receiver (a grant, a lock given back).
public sealed record Worker(ImmutableSortedSet<string> Held, ImmutableSortedSet<string> Awaited) : IResourceState
{
    public IEnumerable<ResourceClaim> ResourceClaims(IActorRef self) =>
        Held.Select(r => ResourceClaim.Holds(self, r)).Concat(Awaited.Select(r => ResourceClaim.WaitsFor(self, r)));
}
public sealed record Granted(string Resource) : IResourceHandover;
#endregion

public static class WorkerAudit
{
    public static (DeadlockReport Deadlocks, GarbageReport Garbage) Of(GlobalSnapshot snapshot)
    {
        #region README
        DeadlockReport report = Deadlocks.Find(snapshot); // report.Cycles: "A →(lock 2)→ B →(lock 1)→ A"

        // Garbage: a state owns objects (IObjectStore: objects with their references, and its roots);
        // a message carrying references (IObjectReferences) keeps them alive while in flight.
        GarbageReport garbage = Garbage.Find(snapshot, declaredRoots: ["settings"]); // garbage.Unreachable: ids and owners
        #endregion
        return (report, garbage);
    }
}
