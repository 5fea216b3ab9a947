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

    public BankAccount(long balance, long opening, RestoreTicket? restoredFrom) : base(Group, restoredFrom: restoredFrom)
    {
        _balance = balance;
        _opening = opening;
        Receive<Transfer>(transfer => _balance += transfer.Amount);
        Receive<Pay>(pay =>
        {
            if (pay.Amount <= _balance)
            {
                _balance -= pay.Amount;
                pay.To.Tell(new Transfer(pay.Amount));
            }
            Sender.Tell(new Paid());
        });
    }

    /// <summary>A new account, opened with <see cref="OpeningBalance"/>.</summary>
    public static Props Props() => Akka.Actor.Props.Create(() => new BankAccount(OpeningBalance, OpeningBalance, null));

    /// <summary>An account restored with what a snapshot recorded of it; its replay goes in front of its mailbox.</summary>
    public static Props Restored(AccountState recorded, RestoreTicket ticket) =>
        Akka.Actor.Props.Create(() => new BankAccount(recorded.Balance, recorded.Opening, ticket)).WithMailbox(RestoreTicket.DequeMailbox);

    protected override object CaptureState() => new AccountState(_balance, _opening);
}
