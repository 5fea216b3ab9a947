namespace Snapshot.Storage;

/// <summary>What the store's catalog says of one stored snapshot, without reading the snapshot itself.</summary>
/// <param name="Id">The id it is stored under: 1, 2, 3… in the order snapshots were stored, never reused.</param>
/// <param name="Group">The participant group it covers.</param>
/// <param name="Participants">How many participants it recorded.</param>
/// <param name="MessagesInFlight">Messages recorded in flight, over all channels.</param>
/// <param name="StartedAt">When the snapshot started (<see cref="Runtime.GlobalSnapshot.StartedAt"/>).</param>
/// <param name="CompletedAt">When it completed (<see cref="Runtime.GlobalSnapshot.CompletedAt"/>).</param>
/// <param name="Periodic">Stored by the periodic schedule, which deletes it once <c>keep-last</c> newer ones are stored.</param>
public sealed record StoredSnapshotInfo(
    long Id,
    string Group,
    int Participants,
    int MessagesInFlight,
    DateTimeOffset StartedAt,
    DateTimeOffset CompletedAt,
    bool Periodic)
{
    public TimeSpan Duration => CompletedAt - StartedAt;
}
