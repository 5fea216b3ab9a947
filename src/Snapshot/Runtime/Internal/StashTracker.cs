using Akka.Actor;
using Snapshot.Algorithm;

namespace Snapshot.Runtime.Internal;

/// <summary>
/// Wraps a participant's stash to know two things the stash does not tell: which messages it holds
/// (they are part of the participant's state when it records), and which messages coming through
/// the message loop are coming back out of it (they were counted when they first arrived and must
/// not be recorded again). Unstashed messages go to the front of the mailbox, so they are the next
/// ones the participant handles, in stash order.
/// </summary>
internal sealed class StashTracker(IStash inner, ActorCell cell) : IStash
{
    private readonly LinkedList<Envelope> _held = new();
    private readonly Queue<Envelope> _comingBack = new();

    public bool HasMessagesComingBack => _comingBack.Count > 0;

    public IReadOnlyList<object> HeldMessages() => [.. _held.Select(e => e.Message)];

    /// <summary>The sizes of what it keeps: the stashed messages it mirrors, and those due back.</summary>
    public IEnumerable<TableSize> TableSizes() => [new("participant.stash-held", _held.Count), new("participant.stash-coming-back", _comingBack.Count)];

    /// <summary>True when <paramref name="message"/> is the next one due back from the stash, which it then no longer waits for.</summary>
    public bool IsComingBack(object message)
    {
        if (!_comingBack.TryPeek(out var next))
            return false;
        if (!ReferenceEquals(next.Message, message))
        {
            // Something other than the unstashed messages arrived first (a mailbox that does not put them
            // in front): stop expecting them rather than skip recording the wrong message.
            _comingBack.Clear();
            return false;
        }
        _comingBack.Dequeue();
        return true;
    }

    public void Stash()
    {
        inner.Stash();
        _held.AddLast(new Envelope(cell.CurrentMessage, cell.Sender));
    }

    public void Unstash()
    {
        inner.Unstash();
        if (_held.First is { } first)
        {
            _held.RemoveFirst();
            _comingBack.Enqueue(first.Value);
        }
    }

    public void UnstashAll() => UnstashAll(_ => true);

    public void UnstashAll(Func<Envelope, bool> filterPredicate)
    {
        inner.UnstashAll(filterPredicate);
        // Like the stash itself: the selected messages come back, the others are dropped.
        foreach (var envelope in _held.Where(filterPredicate))
            _comingBack.Enqueue(envelope);
        _held.Clear();
    }

    public IEnumerable<Envelope> ClearStash()
    {
        // A persistent actor's UnstashAll is a ClearStash whose messages its internal stash then hands back
        // through the message loop: they were counted already, so they are expected back as after UnstashAll.
        // Messages the caller really drops are forgotten at the first other message (see IsComingBack).
        foreach (var envelope in _held)
            _comingBack.Enqueue(envelope);
        _held.Clear();
        return inner.ClearStash();
    }

    public void Prepend(IEnumerable<Envelope> envelopes)
    {
        var added = envelopes.ToArray();
        inner.Prepend(added);
        foreach (var envelope in added.Reverse())
            _held.AddFirst(envelope);
    }

    public int Count => inner.Count;

    public bool IsEmpty => inner.IsEmpty;

    public bool NonEmpty => inner.NonEmpty;

    public bool IsFull => inner.IsFull;

    public int Capacity => inner.Capacity;
}
