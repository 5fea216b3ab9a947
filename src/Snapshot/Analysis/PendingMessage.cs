using Akka.Actor;
using Snapshot.Runtime;

namespace Snapshot.Analysis;

/// <summary>
/// A message a snapshot shows on its way to <see cref="To"/>: recorded in flight on the channel from
/// <see cref="From"/>, or in <see cref="To"/>'s stash (<see cref="From"/> unknown: a stash keeps only messages).
/// </summary>
/// <remarks>
/// The analyses count a stashed message like one in flight: it has left its sender, and its receiver has not
/// handled it yet but will when it unstashes. What it says (a grant, a reference, an amount) belongs to the receiver.
/// </remarks>
public sealed record PendingMessage(object Message, IActorRef? From, IActorRef To)
{
    public bool IsStashed => From is null;

    /// <summary>Every message of <paramref name="snapshot"/> not yet handled: channels first, then stashes, each in snapshot order.</summary>
    public static IEnumerable<PendingMessage> Of(GlobalSnapshot snapshot) =>
        snapshot.Channels.SelectMany(c => c.Messages.Select(m => new PendingMessage(m, c.From, c.To)))
            .Concat(snapshot.Processes.SelectMany(p => p.Stashed.Select(m => new PendingMessage(m, null, p.Participant))));
}
