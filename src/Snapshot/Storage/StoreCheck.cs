namespace Snapshot.Storage;

/// <summary>What <see cref="GlobalSnapshotStorage.CheckAsync"/> found: every stored snapshot read back whole, and what could not be.</summary>
/// <param name="Readable">The snapshots whose stored bytes read back whole, checksum included, oldest first.</param>
/// <param name="Damaged">What cannot be read: snapshots the catalog lists whose data is missing or damaged, and the catalog itself.</param>
public sealed record StoreCheck(IReadOnlyList<StoredSnapshotInfo> Readable, IReadOnlyList<StoreDamage> Damaged);
