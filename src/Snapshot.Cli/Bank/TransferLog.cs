using System.Collections.Concurrent;
using Akka.Actor;

namespace Snapshot.Cli.Bank;

/// <summary>A transfer leaving its account (<see cref="Arrived"/> false) or handled by the account it was paid to.</summary>
public sealed record TransferRecord(string From, string To, long Amount, DateTimeOffset At, bool Arrived);

/// <summary>
/// The transfers between a few accounts, named by actor name, logged by the accounts themselves as they send and
/// handle them: what a space-time diagram of the demo draws as messages. Accounts of one process share it.
/// </summary>
public sealed class TransferLog(IReadOnlySet<string> accounts)
{
    private readonly ConcurrentQueue<TransferRecord> _records = new();

    public IReadOnlySet<string> Accounts { get; } = accounts;

    /// <summary>Everything logged so far, in no particular order.</summary>
    public IReadOnlyList<TransferRecord> Records => [.. _records];

    /// <summary>Called before the transfer is told, so its receipt cannot be logged earlier than its send.</summary>
    public void Sending(IActorRef from, IActorRef to, long amount) => Add(from, to, amount, arrived: false);

    /// <summary>Called by the receiving account as it handles the transfer.</summary>
    public void Arrived(IActorRef from, IActorRef to, long amount) => Add(from, to, amount, arrived: true);

    private void Add(IActorRef from, IActorRef to, long amount, bool arrived)
    {
        if (Accounts.Contains(from.Path.Name) && Accounts.Contains(to.Path.Name))
            _records.Enqueue(new TransferRecord(from.Path.Name, to.Path.Name, amount, DateTimeOffset.UtcNow, arrived));
    }
}
