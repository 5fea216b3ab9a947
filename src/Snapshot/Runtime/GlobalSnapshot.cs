using System.Text;
using Akka.Actor;

namespace Snapshot.Runtime;

/// <summary>
/// A consistent global snapshot of one group: every participant's recorded state and every channel's
/// in-flight messages, such that the whole is a state the system could have been in. It is as big as what it
/// holds: a channel that held nothing is counted in <see cref="ChannelCount"/>, not kept in <see cref="Channels"/>.
/// </summary>
/// <param name="Id">Unique within the ActorSystem that took it.</param>
/// <param name="Group">The participant group it covers.</param>
/// <param name="Initiator">The participant that started it; null when every participant was told to start at once.</param>
/// <param name="Processes">One entry per participant of the snapshot, in registration order.</param>
/// <param name="Channels">
/// The channels that held at least one message at the cut, grouped by receiver; a channel that held nothing is not
/// listed (<see cref="MessagesOn"/> gives it as empty).
/// </param>
/// <param name="ChannelCount">Every channel the cut covers, empty ones included.</param>
/// <param name="StartedAt">When the coordinator started it.</param>
/// <param name="CompletedAt">When the last part arrived.</param>
public sealed record GlobalSnapshot(
    long Id,
    string Group,
    IActorRef? Initiator,
    IReadOnlyList<ProcessState> Processes,
    IReadOnlyList<ChannelState> Channels,
    long ChannelCount,
    DateTimeOffset StartedAt,
    DateTimeOffset CompletedAt)
{
    /// <exception cref="ArgumentException">A channel holds no message.</exception>
    public IReadOnlyList<ChannelState> Channels { get; init; } = HoldingMessages(Channels);

    /// <exception cref="ArgumentOutOfRangeException">Fewer channels than <see cref="Channels"/> lists.</exception>
    public long ChannelCount { get; init; } = ChannelCount >= Channels.Count
        ? ChannelCount
        : throw new ArgumentOutOfRangeException(nameof(ChannelCount), ChannelCount, $"a cut covers at least the {Channels.Count} channels that held messages");

    public TimeSpan Duration => CompletedAt - StartedAt;

    /// <summary>
    /// Markers its participants sent: one per channel (<see cref="ChannelCount"/>) with markers, none when every
    /// participant's mailbox stamps its messages. A snapshot read back from a store gives <see cref="ChannelCount"/>.
    /// </summary>
    public long Markers { get; init; } = ChannelCount;

    /// <summary>
    /// The nodes that had participants in the previous snapshot of this group that the same node took, and have none in
    /// this one (removed from the cluster in between): by how many participants the group shrank, and where. Empty for
    /// the first snapshot, and for one read back from a store.
    /// </summary>
    public IReadOnlyList<DepartedNode> DepartedNodes { get; init; } = [];

    /// <summary>Messages recorded in flight, over all channels.</summary>
    public int RecordedMessages => Channels.Sum(c => c.Messages.Count);

    /// <summary>
    /// The messages in flight from <paramref name="from"/> to <paramref name="to"/> at the cut, in the order they were
    /// sent; empty when that channel held nothing (or is no channel of the group). A scan of <see cref="Channels"/>:
    /// to read them all, read <see cref="Channels"/>.
    /// </summary>
    public IReadOnlyList<object> MessagesOn(IActorRef from, IActorRef to) =>
        Channels.FirstOrDefault(c => c.From.Equals(from) && c.To.Equals(to))?.Messages ?? [];

    /// <summary>The snapshot as text: each participant's state and stash, then each channel holding messages.</summary>
    public string Describe()
    {
        var text = new StringBuilder($"snapshot {Id} of group '{Group}' ({Processes.Count} participants, {RecordedMessages} messages in flight)\n");
        foreach (var process in Processes)
        {
            text.Append($"  {process.Participant.Path.Name}: {process.State}");
            text.Append(process.Stashed.Count > 0 ? $"  stashed: [{string.Join(", ", process.Stashed)}]\n" : "\n");
        }
        foreach (var channel in Channels)
            text.Append($"  {channel.From.Path.Name} → {channel.To.Path.Name}: [{string.Join(", ", channel.Messages)}]\n");
        return text.ToString();
    }

    private static IReadOnlyList<ChannelState> HoldingMessages(IReadOnlyList<ChannelState> channels)
    {
        foreach (var empty in channels.Where(c => c.Messages.Count == 0).Take(1))
        {
            throw new ArgumentException(
                $"the channel {empty.From.Path} → {empty.To.Path} holds no message: a snapshot lists only channels that held messages, and counts the others in ChannelCount",
                nameof(Channels));
        }
        return channels;
    }
}
