using Akka.Actor;
using Snapshot.Runtime;

namespace Snapshot.Restore.Internal;

/// <summary>What one restored participant is given before anything else, in order.</summary>
/// <param name="Participant">The new actor.</param>
/// <param name="Name">The participant's name in the snapshot, for errors.</param>
/// <param name="Messages">Its recorded stash (no sender), then each incoming channel's recorded messages, from the sender's new actor.</param>
internal sealed record Replay(IActorRef Participant, string Name, IReadOnlyList<Envelope> Messages)
{
    /// <summary>The replay of every participant of <paramref name="snapshot"/>, whose new actors are <paramref name="restored"/>.</summary>
    /// <param name="rewrite">Gives the message to deliver for each recorded one; null to deliver them as recorded.</param>
    public static IReadOnlyList<Replay> Of(GlobalSnapshot snapshot, IReadOnlyDictionary<IActorRef, IActorRef> restored,
        Func<object, IReadOnlyDictionary<IActorRef, IActorRef>, object>? rewrite)
    {
        var incoming = snapshot.Channels.ToLookup(c => c.To);
        object Deliver(object message) => rewrite?.Invoke(message, restored) ?? message;
        return
        [
            .. snapshot.Processes.Select(p => new Replay(restored[p.Participant], p.Participant.Path.Name,
            [
                .. p.Stashed.Select(message => new Envelope(Deliver(message), null)),
                .. incoming[p.Participant].SelectMany(c => c.Messages.Select(message => new Envelope(Deliver(message), restored[c.From]))),
            ])),
        ];
    }
}
