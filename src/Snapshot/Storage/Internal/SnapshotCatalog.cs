namespace Snapshot.Storage.Internal;

/// <summary>
/// The index of the store: every stored snapshot, in the order stored, and the id the next one gets. Saved as the
/// latest snapshot of the storage's persistence id, a new version (sequence number) at each change, because a
/// snapshot store can only return the latest snapshot of a persistence id, not list them.
/// </summary>
/// <param name="Version">The sequence number it is saved under; 0 for the empty catalog of a new store.</param>
internal sealed record SnapshotCatalog(long Version, long NextId, IReadOnlyList<StoredSnapshotInfo> Entries) : IStoredRecord
{
    public static readonly SnapshotCatalog Empty = new(0, 1, []);

    public SnapshotCatalog With(StoredSnapshotInfo entry) => new(Version + 1, Math.Max(NextId, entry.Id + 1), [.. Entries, entry]);

    public SnapshotCatalog Without(IReadOnlyCollection<long> ids) => new(Version + 1, NextId, [.. Entries.Where(e => !ids.Contains(e.Id))]);
}
