using Snapshot.Runtime;

namespace Snapshot.Cli.Bank;

/// <summary>The money a snapshot of the bank holds: in balances (stashed transfers included) and in flight.</summary>
public sealed record BankLedger(long InAccounts, long InFlight, long Expected)
{
    public long Total => InAccounts + InFlight;

    public bool IsConserved => Total == Expected;

    public static BankLedger Of(GlobalSnapshot snapshot)
    {
        var accounts = snapshot.Processes.Select(p => p.State).OfType<AccountState>().ToArray();
        return new BankLedger(
            accounts.Sum(a => a.Balance) + snapshot.Processes.SelectMany(p => p.Stashed).OfType<Transfer>().Sum(t => t.Amount),
            snapshot.Channels.SelectMany(c => c.Messages).OfType<Transfer>().Sum(t => t.Amount),
            accounts.Sum(a => a.Opening));
    }
}
