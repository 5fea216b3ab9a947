using Akka.Actor;
using Akka.Dispatch;
using Snapshot.Restore;
using Snapshot.Runtime.Participants;
using Snapshot.Runtime.Tests.Bank;
using Snapshot.Runtime.Tests.Support;

namespace Snapshot.Runtime.Tests.Restore;

/// <summary>A message the account's handler saw: what and from whom (the sender's name; "deadLetters" when there was none).</summary>
public sealed record Handled(string From, object Message);

/// <summary>Answered with the account's <see cref="Handled"/> messages, oldest first (a query is not logged).</summary>
public sealed record GetLog;

/// <summary>What an account started with <see cref="AtStart"/> tells itself from PreStart.</summary>
public sealed record Tick;

/// <summary>Traffic an account starts as soon as it starts: it tells itself a <see cref="Tick"/> and pays <paramref name="Pay"/> 1, then tells <paramref name="ReportTo"/> it started.</summary>
public sealed record AtStart(IActorRef Pay, IActorRef ReportTo);

/// <summary>An account's <see cref="AtStart"/> traffic is sent.</summary>
public sealed record Started(string Name);

/// <summary>
/// A bank account (the <see cref="Bank.Account"/> handlers) that can be restored: it takes its balance and the restore's
/// ticket, and logs every message its handlers see, so a test can check what the replay delivered and in which order.
/// Optionally it sends messages as soon as it starts (<see cref="AtStart"/>), new traffic the replay must go before.
/// </summary>
public sealed class RestoredAccount : SnapshotReceiveActor, IRequiresMessageQueue<IUnboundedDequeBasedMessageQueueSemantics>
{
    private readonly List<Handled> _log = [];
    private readonly AtStart? _atStart;
    private long _balance;

    public RestoredAccount(long balance, RestoreTicket? restoredFrom, AtStart? atStart = null) : base(Account.Group, restoredFrom: restoredFrom)
    {
        _balance = balance;
        _atStart = atStart;
        Receive<Transfer>(transfer =>
        {
            Log(transfer);
            _balance += transfer.Amount;
        });
        Receive<Pay>(pay =>
        {
            if (pay.Amount <= _balance)
            {
                _balance -= pay.Amount;
                pay.To.Tell(new Transfer(pay.Amount));
            }
            Sender.Tell(new Paid());
        });
        Receive<Tick>(Log);
        Receive<GetLog>(_ => Sender.Tell(_log.ToArray()));
        Receive<GetBalance>(_ => Sender.Tell(_balance));
        Receive<Crash>(_ => throw new InvalidOperationException("crash ordered by the test"));
    }

    public static Props Props(long balance, RestoreTicket? restoredFrom, AtStart? atStart = null) =>
        Akka.Actor.Props.Create(() => new RestoredAccount(balance, restoredFrom, atStart));

    protected override void PreStart()
    {
        if (_atStart is null)
            return;
        Self.Tell(new Tick());
        _balance -= 1;
        _atStart.Pay.Tell(new Transfer(1));
        _atStart.ReportTo.Tell(new Started(Self.Path.Name));
    }

    protected override object CaptureState() => _balance;

    private void Log(object message) => _log.Add(new Handled(Sender.Path.Name, message));
}
