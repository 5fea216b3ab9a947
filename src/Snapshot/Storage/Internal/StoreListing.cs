namespace Snapshot.Storage.Internal;

/// <summary>What the local store's folder holds for the storage, from the names of its files.</summary>
/// <param name="Snapshots">The newest finished file of each snapshot id present.</param>
/// <param name="HighestId">The highest id any file names, finished or not; 0 for none.</param>
/// <param name="Catalog">The catalog's newest finished version; null when there is none.</param>
internal sealed record StoreListing(IReadOnlyDictionary<long, string> Snapshots, long HighestId, FileKey? Catalog)
{
    public static readonly StoreListing Empty = new(new Dictionary<long, string>(), 0, null);
}
