using Akka.Actor;
using Snapshot.Runtime.Participants;

namespace Snapshot.Cli.Bank;

/// <summary>A bank account taking part in snapshots of the group <see cref="Group"/>.</summary>
public sealed class BankAccount : SnapshotReceiveActor
{
    public const string Group = "bank";
    public const long OpeningBalance = 1000;

    private long _balance = OpeningBalance;

    /// <param name="transfers">Where to log the transfers this account sends and handles; null to log nothing.</param>
    public BankAccount(TransferLog? transfers = null) : base(Group)
    {
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

    public static Props Props(TransferLog? transfers = null) => Akka.Actor.Props.Create(() => new BankAccount(transfers));

    protected override object CaptureState() => new AccountState(_balance, OpeningBalance);
}
