namespace Snapshot.Storage.Internal;

/// <summary>
/// A <see cref="Runtime.GlobalSnapshot"/> in the form it is stored: actor refs as their full paths, written once in
/// <see cref="Paths"/> and named by index elsewhere, and every application object already serialized with the
/// serializer the application bound to it. Nothing in it needs an ActorSystem to write, so a store fails only for
/// the store's own reasons.
/// </summary>
/// <param name="Initiator">Index into <see cref="Paths"/>; null when every participant started at once.</param>
/// <param name="Channels">The channels that held messages, as <see cref="Runtime.GlobalSnapshot.Channels"/>.</param>
/// <param name="ChannelCount">Every channel the snapshot covers, empty ones included.</param>
/// <param name="Periodic">Stored by the periodic schedule, as its catalog entry says: the entry can be rebuilt from it.</param>
internal sealed record StoredSnapshot(
    long SnapshotId,
    string Group,
    IReadOnlyList<string> Paths,
    int? Initiator,
    IReadOnlyList<StoredProcess> Processes,
    IReadOnlyList<StoredChannel> Channels,
    long ChannelCount,
    DateTimeOffset StartedAt,
    DateTimeOffset CompletedAt,
    bool Periodic) : IStoredRecord
{
    /// <summary>What the catalog says of it, stored under <paramref name="id"/>.</summary>
    public StoredSnapshotInfo Info(long id) =>
        new(id, Group, Processes.Count, Channels.Sum(c => c.Messages.Count), StartedAt, CompletedAt, Periodic);
}

/// <param name="Participant">Index into <see cref="StoredSnapshot.Paths"/>.</param>
internal sealed record StoredProcess(int Participant, StoredPayload? State, IReadOnlyList<StoredPayload> Stashed);

/// <param name="From">Index into <see cref="StoredSnapshot.Paths"/>.</param>
/// <param name="To">Index into <see cref="StoredSnapshot.Paths"/>.</param>
internal sealed record StoredChannel(int From, int To, IReadOnlyList<StoredPayload> Messages);

/// <summary>An application object as Akka's envelopes carry one: its serializer's identifier, its manifest, its bytes.</summary>
internal sealed record StoredPayload(int SerializerId, string Manifest, byte[] Bytes);
