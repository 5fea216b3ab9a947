using Akka.Actor;
using Snapshot.Restore;
using Snapshot.Runtime.Participants;
using Snapshot.Runtime.Tests.Bank;

namespace Snapshot.Runtime.Tests.Restore;

/// <summary>A participant that takes its restore ticket but has Akka's default mailbox, which cannot put a replay in front.</summary>
public sealed class PlainMailboxAccount(RestoreTicket restoredFrom) : SnapshotReceiveActor(Account.Group, restoredFrom: restoredFrom)
{
    public static Props Props(RestoreTicket restoredFrom) => Akka.Actor.Props.Create(() => new PlainMailboxAccount(restoredFrom));

    protected override object CaptureState() => 0L;
}
