namespace Snapshot.Storage;

/// <summary>No snapshot is stored under <see cref="Id"/>: it never was, or was deleted.</summary>
public sealed class StoredSnapshotNotFoundException(long id)
    : SnapshotStorageException($"snapshot {id} is not in the store")
{
    public long Id { get; } = id;
}
