using System.Text;
using Akka.Actor;

namespace Snapshot.Runtime;

/// <summary>
/// A consistent global snapshot of one group: every participant's recorded state and every channel's
/// in-flight messages, such that the whole is a state the system could have been in.
/// </summary>
/// <param name="Id">Unique within the ActorSystem that took it.</param>
/// <param name="Group">The participant group it covers.</param>
/// <param name="Initiator">The participant that started it; null when every participant was told to start at once.</param>
/// <param name="Processes">One entry per participant of the snapshot, in registration order.</param>
/// <param name="Channels">Every channel between participants, empty ones included, grouped by receiver.</param>
/// <param name="StartedAt">When the coordinator started it.</param>
/// <param name="CompletedAt">When the last part arrived.</param>
public sealed record GlobalSnapshot(
    long Id,
    string Group,
    IActorRef? Initiator,
    IReadOnlyList<ProcessState> Processes,
    IReadOnlyList<ChannelState> Channels,
    DateTimeOffset StartedAt,
    DateTimeOffset CompletedAt)
{
    public TimeSpan Duration => CompletedAt - StartedAt;

    /// <summary>Markers sent: one per channel.</summary>
    public int Markers => Channels.Count;

    /// <summary>Messages recorded in flight, over all channels.</summary>
    public int RecordedMessages => Channels.Sum(c => c.Messages.Count);

    /// <summary>The snapshot as text: each participant's state and stash, then each channel holding messages.</summary>
    public string Describe()
    {
        var text = new StringBuilder($"snapshot {Id} of group '{Group}' ({Processes.Count} participants, {RecordedMessages} messages in flight)\n");
        foreach (var process in Processes)
        {
            text.Append($"  {process.Participant.Path.Name}: {process.State}");
            text.Append(process.Stashed.Count > 0 ? $"  stashed: [{string.Join(", ", process.Stashed)}]\n" : "\n");
        }
        foreach (var channel in Channels.Where(c => c.Messages.Count > 0))
            text.Append($"  {channel.From.Path.Name} → {channel.To.Path.Name}: [{string.Join(", ", channel.Messages)}]\n");
        return text.ToString();
    }
}
