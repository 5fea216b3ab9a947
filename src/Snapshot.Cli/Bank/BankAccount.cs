using Akka.Actor;
using Snapshot.Runtime.Participants;

namespace Snapshot.Cli.Bank;

/// <summary>A bank account taking part in snapshots of the group <see cref="Group"/>.</summary>
public sealed class BankAccount : SnapshotReceiveActor
{
    public const string Group = "bank";
    public const long OpeningBalance = 1000;

    private long _balance = OpeningBalance;

    public BankAccount() : base(Group)
    {
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

    public static Props Props() => Akka.Actor.Props.Create(() => new BankAccount());

    protected override object CaptureState() => new AccountState(_balance, OpeningBalance);
}
