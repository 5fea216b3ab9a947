using Akka.Actor;
using Snapshot.Runtime.Participants;

namespace Snapshot.Runtime.Tests.Bank;

/// <summary>A bank account written only against the public API: a participant whose state is its balance.</summary>
public sealed class Account : SnapshotReceiveActor
{
    public const string Group = "bank";

    private long _balance;

    public Account(long balance) : base(Group)
    {
        _balance = balance;
        Receive<Transfer>(t => _balance += t.Amount);
        Receive<Pay>(pay =>
        {
            if (pay.Amount <= _balance)
            {
                _balance -= pay.Amount;
                pay.To.Tell(new Transfer(pay.Amount));
            }
            Sender.Tell(new Paid());
        });
        Receive<StartSnapshotHere>(start => TakeSnapshot(start.ReplyTo));
    }

    protected override object CaptureState() => _balance;

    public static long Money(GlobalSnapshot snapshot) =>
        snapshot.Processes.Sum(p => (long)p.State! + p.Stashed.OfType<Transfer>().Sum(t => t.Amount))
        + InFlight(snapshot);

    public static long InFlight(GlobalSnapshot snapshot) =>
        snapshot.Channels.Sum(c => c.Messages.OfType<Transfer>().Sum(t => t.Amount));
}
