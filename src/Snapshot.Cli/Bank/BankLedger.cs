using Snapshot.Analysis;
using Snapshot.Runtime;

namespace Snapshot.Cli.Bank;

/// <summary>The money a snapshot of the bank holds: in balances (stashed transfers included) and in flight.</summary>
public sealed record BankLedger(long InAccounts, long InFlight, long Expected, IReadOnlyList<InvariantViolation> Violations)
{
    /// <summary>The bank's money: account balances, and transfers in flight or stashed.</summary>
    public static readonly Conservation Money = new("money", state => state is AccountState a ? a.Balance : 0, message => message is Transfer t ? t.Amount : 0);

    /// <summary>The accounts hold, in all, what they opened with: each records its opening, so a snapshot alone tells the total.</summary>
    public static readonly SnapshotInvariant MoneyConserved = Money.TotalIs(Opened);

    public long Total => InAccounts + InFlight;

    public bool IsConserved => Violations.Count == 0;

    public static BankLedger Of(GlobalSnapshot snapshot)
    {
        var amounts = Money.Measure(snapshot);
        return new BankLedger(amounts.InStates + amounts.Stashed, amounts.InFlight, Opened(snapshot), Invariants.Check(snapshot, MoneyConserved));
    }

    private static long Opened(GlobalSnapshot snapshot) => snapshot.Processes.Select(p => p.State).OfType<AccountState>().Sum(a => a.Opening);
}
