using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;
using Snapshot.Algorithm;
using Snapshot.Runtime.Internal;

namespace Snapshot.Runtime;

/// <summary>
/// An unbounded deque that stamps each message with its node's snapshot clock when it is put in: a local tell puts it in
/// on the sender's thread, a remote one on the endpoint reader's, which is what makes the stamp tell a message sent before
/// its sender recorded from one sent after (see <see cref="NodeLedger{TPeer,TSnapshot}"/>). Reading the clock is one
/// volatile read; the stamp is stored beside the envelope, so nothing more is allocated per message.
/// </summary>
public sealed class StampedMessageQueue : IMessageQueue, IStampedMessageQueueSemantics
{
    private readonly NodeLedger<IActorRef, SnapshotKey> _ledger;
    private readonly ConcurrentQueue<(Envelope Envelope, long Stamp)> _queue = new();
    // Only the actor itself puts messages in front (unstashing), from its own thread: as in Akka's own deque.
    private readonly Stack<Envelope> _prepended = new();

    internal StampedMessageQueue(NodeLedger<IActorRef, SnapshotKey> ledger) => _ledger = ledger;

    /// <summary>
    /// The stamp of the message the actor is handling: the last one taken out. A message put in front reads 0, below every
    /// recording's tick: it was sent before anything now recording, as a restore's replay is; an unstashed one was
    /// classified when it was first handled, and the participant passes over it when it comes back; one that left the
    /// mailbox once without reaching the handler (a persistent actor's internal stash, a restore's hold) is given back
    /// its first stamp by the participant.
    /// </summary>
    public long CurrentStamp { get; private set; }

    /// <summary>True when the message the actor is handling was put in front (<see cref="EnqueueFirst"/>), not stamped as it came in.</summary>
    internal bool CurrentCameBack { get; private set; }

    // As Akka's own queues do: IsEmpty, not a count, when the mailbox asks whether to run again.
    public bool HasMessages => !_queue.IsEmpty || _prepended.Count > 0;

    public int Count => _queue.Count + _prepended.Count;

    public void Enqueue(IActorRef receiver, Envelope envelope) => _queue.Enqueue((envelope, _ledger.Stamp));

    public bool TryDequeue(out Envelope envelope)
    {
        if (_prepended.TryPop(out envelope))
        {
            (CurrentStamp, CurrentCameBack) = (0, true);
            return true;
        }
        if (!_queue.TryDequeue(out var stamped))
            return false;
        (envelope, CurrentStamp) = stamped;
        CurrentCameBack = false;
        return true;
    }

    public void EnqueueFirst(Envelope envelope) => _prepended.Push(envelope);

    public void CleanUp(IActorRef owner, IMessageQueue deadletters)
    {
        while (TryDequeue(out var envelope))
            deadletters.Enqueue(owner, envelope);
    }
}
