namespace Snapshot.Storage.Internal;

/// <summary>
/// The store as its data says it is (<see cref="StoreContentsReader"/>): the catalog as stored, corrected by the
/// snapshots actually present, and what could not be read.
/// </summary>
/// <param name="Catalog">
/// The entries of every snapshot present, those saved after the stored catalog was written included; a version above
/// every version of the catalog present; the next id above every id ever given out that the data shows.
/// </param>
/// <param name="Damaged">What cannot be read: the catalog, listed snapshots whose data is missing, unlisted ones whose data is damaged.</param>
/// <param name="Deleted">Ids whose data is still present though the catalog deleted them: removed at the next change.</param>
/// <param name="Read">Ids whose stored record was read whole to rebuild their entry.</param>
/// <param name="Listing">The local store's files; null for any other plugin.</param>
internal sealed record StoreContents(
    SnapshotCatalog Catalog, IReadOnlyList<StoreDamage> Damaged, IReadOnlyList<long> Deleted, IReadOnlySet<long> Read, StoreListing? Listing)
{
    public static readonly StoreContents Empty = new(SnapshotCatalog.Empty, [], [], new HashSet<long>(), StoreListing.Empty);
}
