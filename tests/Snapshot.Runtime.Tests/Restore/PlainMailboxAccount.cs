using Akka.Actor;
using Snapshot.Restore;
using Snapshot.Runtime.Participants;
using Snapshot.Runtime.Tests.Bank;

namespace Snapshot.Runtime.Tests.Restore;

/// <summary>
/// A participant through <see cref="SnapshotParticipant"/> (no participant base class, which would bring a deque) that
/// takes its restore ticket but has Akka's default mailbox, which cannot put a replay in front.
/// </summary>
public sealed class PlainMailboxAccount : ReceiveActor
{
    private readonly SnapshotParticipant _snapshots;

    public PlainMailboxAccount(RestoreTicket restoredFrom) => _snapshots = new SnapshotParticipant(this, Context, () => 0L, Account.Group, restoredFrom: restoredFrom);

    public static Props Props(RestoreTicket restoredFrom) => Akka.Actor.Props.Create(() => new PlainMailboxAccount(restoredFrom));

    protected override bool AroundReceive(Receive receive, object message) => _snapshots.AroundReceive(receive, message, base.AroundReceive);
}
