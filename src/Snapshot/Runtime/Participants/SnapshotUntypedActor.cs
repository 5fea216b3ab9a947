using Akka.Actor;
using Akka.Dispatch;
using Snapshot.Restore;

namespace Snapshot.Runtime.Participants;

/// <summary>
/// An <see cref="UntypedActor"/> that takes part in global snapshots of its group. Handlers stay exactly as
/// they are; the only addition is <see cref="CaptureState"/>. Tell other participants with <c>Tell</c> (the
/// sender is <c>Self</c>) so the messages travel on the channels the snapshot records.
/// <para>
/// It requires a deque mailbox (for a stash, and a restore's replay): Akka's own, or, when the ActorSystem started with
/// <see cref="GlobalSnapshotsSettings.DefaultConfig"/> in its configuration (Akka.Hosting's <c>WithGlobalSnapshots</c> puts
/// it there), the <see cref="StampedMailbox"/>, with which a group that declares no channels needs no marker per channel.
/// </para>
/// </summary>
public abstract class SnapshotUntypedActor : UntypedActor, IRequiresMessageQueue<IUnboundedDequeBasedMessageQueueSemantics>
{
    private readonly SnapshotParticipant _participant;
    private readonly Func<Receive, object, bool> _baseAroundReceive;

    /// <param name="group">The group to join; <c>akka.snapshot.default-group</c> when null.</param>
    /// <param name="channels">The participants this actor tells; null for every participant of its group.</param>
    /// <param name="restoredFrom">The ticket a restore's factory was given for this actor; null when it is not being restored.</param>
    protected SnapshotUntypedActor(string? group = null, IEnumerable<IActorRef>? channels = null, RestoreTicket? restoredFrom = null)
    {
        _participant = new SnapshotParticipant(this, Context, CaptureState, group, channels, restoredFrom);
        _baseAroundReceive = base.AroundReceive;
    }

    /// <summary>The group this actor takes part in.</summary>
    protected string SnapshotGroup => _participant.Group;

    /// <summary>
    /// This actor's state for a snapshot, called in its own message loop at the moment it records.
    /// Return an immutable value or a copy, never a collection the actor goes on changing.
    /// </summary>
    protected abstract object? CaptureState();

    /// <summary>Starts a snapshot of this actor's group, initiated here; the result goes to <paramref name="replyTo"/> (this actor when null).</summary>
    protected void TakeSnapshot(IActorRef? replyTo = null, TimeSpan? timeout = null) => _participant.TakeSnapshot(replyTo, timeout);

    /// <summary>Declares which participants this actor tells from now on; null for every participant of its group.</summary>
    protected void DeclareSnapshotChannels(IEnumerable<IActorRef>? channels) => _participant.DeclareChannels(channels);

    protected override bool AroundReceive(Receive receive, object message) =>
        _participant.AroundReceive(receive, message, _baseAroundReceive);

    public override void AroundPreRestart(Exception cause, object message)
    {
        _participant.Stopped();
        base.AroundPreRestart(cause, message);
    }

    public override void AroundPostStop()
    {
        _participant.Stopped();
        base.AroundPostStop();
    }
}
