using Snapshot.Cli.Bank;
using Snapshot.Runtime;

namespace Snapshot.Cli.Bench;

/// <summary>The money a snapshot of the transfer workload holds: in balances, and in payments in flight.</summary>
public static class PaymentLedger
{
    /// <summary>
    /// Every account's recorded balance plus every payment recorded on a channel (accounts never stash). Chandy–Lamport
    /// guarantees it equals what the accounts opened with, however much money is moving: anything else is a bug.
    /// </summary>
    public static long Total(GlobalSnapshot snapshot) =>
        snapshot.Processes.Select(p => p.State).OfType<AccountState>().Sum(a => a.Balance)
        + snapshot.Channels.SelectMany(c => c.Messages).OfType<Payment>().Sum(p => p.Amount);
}
