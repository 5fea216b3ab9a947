using Akka.Actor;
using Akka.Persistence;
using Snapshot.Runtime.Participants;
using Snapshot.Runtime.Tests.Bank;
using Snapshot.Runtime.Tests.Support;

namespace Snapshot.Runtime.Tests.Persistence;

/// <summary>A <see cref="Transfer"/> persisted by the receiving account.</summary>
public sealed record Credited(long Amount);

/// <summary>A payment persisted by the paying account before it tells the <see cref="Transfer"/>.</summary>
public sealed record Debited(long Amount);

/// <summary>
/// A bank account that cannot change its base class: a <see cref="ReceivePersistentActor"/> that joins the bank
/// through the <see cref="SnapshotParticipant"/> helper. It persists every change with <c>Persist</c>, so it
/// handles no other message (a marker included) until the change is written and applied.
/// </summary>
public sealed class PersistentAccount : ReceivePersistentActor
{
    private readonly SnapshotParticipant _snapshots;
    private long _balance;

    public PersistentAccount(string persistenceId, long balance)
    {
        PersistenceId = persistenceId;
        _balance = balance;
        _snapshots = new SnapshotParticipant(this, Context, () => _balance, Account.Group);
        Recover<Credited>(e => _balance += e.Amount);
        Recover<Debited>(e => _balance -= e.Amount);
        Command<Transfer>(transfer => Persist(new Credited(transfer.Amount), e => _balance += e.Amount));
        Command<Pay>(pay =>
        {
            if (pay.Amount > _balance)
            {
                Sender.Tell(new Paid());
                return;
            }
            Persist(new Debited(pay.Amount), e =>
            {
                _balance -= e.Amount;
                pay.To.Tell(new Transfer(e.Amount));
                Sender.Tell(new Paid());
            });
        });
        Command<Block>(block => block.Gate.Pass(() => block.NotifyTo.Tell(new Blocked(Self))));
        Command<GetBalance>(_ => Sender.Tell(_balance));
    }

    public override string PersistenceId { get; }

    public static Props Props(string persistenceId, long balance) => Akka.Actor.Props.Create(() => new PersistentAccount(persistenceId, balance));

    protected override bool AroundReceive(Receive receive, object message) =>
        _snapshots.AroundReceive(receive, message, base.AroundReceive);
}
