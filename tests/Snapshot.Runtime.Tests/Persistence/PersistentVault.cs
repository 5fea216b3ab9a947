using Akka.Actor;
using Akka.Persistence;
using Snapshot.Runtime.Participants;
using Snapshot.Runtime.Tests.Bank;
using Snapshot.Runtime.Tests.Stash;
using Snapshot.Runtime.Tests.Support;

namespace Snapshot.Runtime.Tests.Persistence;

/// <summary>
/// A persistent account with a user stash: while closed it stashes every <see cref="Transfer"/>; opened, it
/// unstashes them all and persists each. A persistent actor's <c>UnstashAll</c> does not put the messages back in
/// the mailbox itself: it empties the user stash into the actor's internal stash, which hands them back one by one.
/// </summary>
public sealed class PersistentVault : ReceivePersistentActor
{
    private readonly SnapshotParticipant _snapshots;
    private long _balance;

    public PersistentVault(string persistenceId, long balance)
    {
        PersistenceId = persistenceId;
        _balance = balance;
        _snapshots = new SnapshotParticipant(this, Context, () => _balance, Account.Group);
        Recover<Credited>(e => _balance += e.Amount);
        Closed();
    }

    public override string PersistenceId { get; }

    public static Props Props(string persistenceId, long balance) => Akka.Actor.Props.Create(() => new PersistentVault(persistenceId, balance));

    protected override bool AroundReceive(Receive receive, object message) =>
        _snapshots.AroundReceive(receive, message, base.AroundReceive);

    private void Closed()
    {
        Command<Transfer>(_ => Stash.Stash());
        Command<OpenVault>(_ =>
        {
            Become(Open);
            Stash.UnstashAll();
        });
        Common();
    }

    private void Open()
    {
        Command<Transfer>(transfer => Persist(new Credited(transfer.Amount), e => _balance += e.Amount));
        Common();
    }

    private void Common()
    {
        Command<Ping>(_ => Sender.Tell(new Pong(Stash.Count)));
        Command<Block>(block => block.Gate.Pass(() => block.NotifyTo.Tell(new Blocked(Self))));
        Command<GetBalance>(_ => Sender.Tell(_balance));
    }
}
