using Akka.Actor;
using Snapshot.Restore;
using Snapshot.Runtime.Participants;

namespace Snapshot.Cli.Bank;

/// <summary>A bank account taking part in snapshots of the group <see cref="Group"/>.</summary>
public sealed class BankAccount : SnapshotReceiveActor
{
    public const string Group = "bank";
    public const long OpeningBalance = 1000;

    private readonly long _opening;
    private long _balance;

    /// <param name="transfers">Where to log the transfers this account sends and handles; null to log nothing.</param>
    public BankAccount(long balance, long opening, RestoreTicket? restoredFrom, TransferLog? transfers = null) : base(Group, restoredFrom: restoredFrom)
    {
        _balance = balance;
        _opening = opening;
        Receive<Transfer>(transfer =>
        {
            transfers?.Arrived(Sender, Self, transfer.Amount);
            _balance += transfer.Amount;
        });
        Receive<Pay>(pay =>
        {
            if (pay.Amount <= _balance)
            {
                _balance -= pay.Amount;
                transfers?.Sending(Self, pay.To, pay.Amount);
                pay.To.Tell(new Transfer(pay.Amount));
            }
            Sender.Tell(new Paid());
        });
    }

    /// <summary>A new account, opened with <see cref="OpeningBalance"/>.</summary>
    /// <param name="transfers">Where to log the transfers this account sends and handles; null to log nothing.</param>
    public static Props Props(TransferLog? transfers = null) => Akka.Actor.Props.Create(() => new BankAccount(OpeningBalance, OpeningBalance, null, transfers));

    /// <summary>An account restored with what a snapshot recorded of it; its replay goes in front of its mailbox.</summary>
    public static Props Restored(AccountState recorded, RestoreTicket ticket) =>
        Akka.Actor.Props.Create(() => new BankAccount(recorded.Balance, recorded.Opening, ticket, null)).WithMailbox(RestoreTicket.DequeMailbox);

    protected override object CaptureState() => new AccountState(_balance, _opening);
}
