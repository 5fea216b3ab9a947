using Akka.Actor;
using Akka.Dispatch;

namespace Snapshot.Restore.Internal;

/// <summary>
/// A restored participant's messages until its replay is complete: the replay is collected, everything else is held
/// (timers, external inputs, other restored participants' messages, snapshot markers). When the replay's end arrives,
/// the replay and then the held messages are put in front of the mailbox, in that order, each with its own sender, and
/// the participant goes on as any other. A snapshot can therefore not record before the replay has been handled:
/// replayed messages are part of the state it records, never of a channel, as they were sent before anything the
/// restored participants send.
/// </summary>
internal sealed class ReplayHold(RestoreTicket ticket, ActorCell cell, string group)
{
    private readonly List<Envelope> _replay = [];
    private readonly List<Envelope> _held = [];

    /// <summary>True once the replay is in the mailbox: the participant no longer needs the hold.</summary>
    public bool IsReleased { get; private set; }

    /// <summary>Takes a message the participant received while holding; false for one the actor must handle now.</summary>
    public bool Take(object message)
    {
        switch (message)
        {
            case ReplayMessage replay when replay.Restore == ticket.Restore:
                _replay.Add(new Envelope(replay.Message, replay.Sender));
                return true;
            case ReplayEnd end when end.Restore == ticket.Restore:
                Release(end);
                return true;
            case ReplayEnd other:
                Refuse(other, "it was created with the ticket of another restore");
                return true;
            case Terminated:
                // Akka delivers a Terminated only while it expects one: held and put back, it would be dropped.
                return false;
            default:
                _held.Add(new Envelope(message, cell.Sender));
                return true;
        }
    }

    /// <summary>Answers the end of a replay meant for an actor that was not created with its restore's ticket.</summary>
    public static void Refuse(ReplayEnd end, ActorCell cell, string reason) =>
        cell.Sender?.Tell(new ReplayRefused(end.Restore, cell.Self, reason), cell.Self);

    private void Refuse(ReplayEnd end, string reason) => Refuse(end, cell, reason);

    private void Release(ReplayEnd end)
    {
        if (end.Count != _replay.Count)
        {
            Refuse(end, $"{_replay.Count} of its {end.Count} replayed messages arrived");
            return;
        }
        // A plain mailbox can only append, behind messages that must come after the replay.
        if (cell.Mailbox?.MessageQueue is not IDequeBasedMessageQueueSemantics mailbox)
        {
            Refuse(end, $"its mailbox ({cell.Mailbox?.MessageQueue.GetType().Name}) cannot put the replay in front: create it with " +
                $"Props.WithMailbox(\"{RestoreTicket.DequeMailbox}\"), or implement IWithUnboundedStash or IRequiresMessageQueue<IUnboundedDequeBasedMessageQueueSemantics>");
            return;
        }
        // Each EnqueueFirst goes before the previous one: last message first. Not IStash.Prepend, which drops
        // equal envelopes, such as two equal payments from one sender.
        for (var i = _held.Count - 1; i >= 0; i--)
            mailbox.EnqueueFirst(_held[i]);
        for (var i = _replay.Count - 1; i >= 0; i--)
            mailbox.EnqueueFirst(_replay[i]);
        _replay.Clear();
        _held.Clear();
        IsReleased = true;
        ticket.Spend();
        cell.Sender?.Tell(new ReplayDelivered(end.Restore, cell.Self, group), cell.Self);
    }
}
