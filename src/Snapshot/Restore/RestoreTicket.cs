namespace Snapshot.Restore;

/// <summary>
/// Marks a new actor as the restored instance of a participant. The restore's factory hands it to the actor, which
/// passes it to its participant base class (or <see cref="Runtime.Participants.SnapshotParticipant"/>): the actor then
/// holds every other message, its own timers and other restored participants' messages included, until its replay
/// (its recorded stash, then the messages recorded in flight to it) has been put in front of them. A ticket is spent
/// once its replay is delivered: an instance its supervisor restarts with the same ticket holds nothing.
/// </summary>
public sealed class RestoreTicket(Guid restore)
{
    /// <summary>
    /// A mailbox that can put messages in front, as a restored actor's replay must go, and stamps them for the stamped
    /// protocol (<see cref="Snapshot.Runtime.StampedMailbox"/>): for <c>Props.WithMailbox</c>, when the actor derives from
    /// no participant base class, has no stash (<c>IWithUnboundedStash</c>) and does not declare
    /// <c>IRequiresMessageQueue&lt;IUnboundedDequeBasedMessageQueueSemantics&gt;</c>, which all bring a deque.
    /// </summary>
    public const string DequeMailbox = Snapshot.Runtime.StampedMailbox.Id;

    private volatile bool _spent;

    /// <summary>The restore the actor belongs to; a replay of any other restore is refused.</summary>
    public Guid Restore { get; } = restore;

    /// <summary>True once an actor created with this ticket has put its replay in front of its mailbox.</summary>
    internal bool IsSpent => _spent;

    internal void Spend() => _spent = true;

    public override string ToString() => $"RestoreTicket({Restore})";
}
