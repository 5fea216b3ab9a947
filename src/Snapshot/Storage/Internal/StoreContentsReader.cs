using Akka.Persistence;

namespace Snapshot.Storage.Internal;

/// <summary>
/// Reads what the store holds from its catalog and from the snapshots present, so that a catalog out of date,
/// missing or damaged neither hides a snapshot nor lets an id be given out twice.
/// </summary>
/// <remarks>
/// Why the data corrects the catalog: a save writes snapshot N and then the catalog that lists it; a delete writes
/// the catalog without N and then removes N. A crash between the two steps leaves the data one step ahead:
/// <list type="bullet">
/// <item>N present, unlisted, N at or past the catalog's next id: saved after that catalog was written, so listed
/// again, never orphaned (and never overwritten: the next id passes it);</item>
/// <item>N present, unlisted, below the next id: the catalog gave N out and deleted it since, so it stays deleted
/// and its data is removed at the next change;</item>
/// <item>N listed but absent (the local store only: no other plugin can be listed): lost to something outside the
/// storage; reported as damage, never listed.</item>
/// </list>
/// A catalog that is missing or cannot be read counts as the empty one, of next id 1, so every snapshot present is
/// listed again. The local store falls back to the version before a newest catalog file it cannot read; the storage
/// keeps that version for the purpose, and it is one change behind at most, which the rules above correct. The next
/// id passes every id a file names, unfinished ones included, so no id is given out twice while its data or a catalog
/// that knew it survives. With any other plugin the snapshots past the catalog's next id are found by asking for the
/// next id, the one after and so on until one is absent, and a catalog that cannot be read is an error naming it.
/// </remarks>
internal sealed class StoreContentsReader(Lazy<SnapshotStorePlugin> plugin, LocalStoreFiles? files, string persistenceId)
{
    /// <summary>What a record the store reads as nothing is: the local store reads an empty file so.</summary>
    public const string EmptyRecord = "it holds nothing (an empty file?)";

    /// <exception cref="SnapshotStorageException">The store failed, or (with a plugin other than the local store) its catalog cannot be read.</exception>
    public async Task<StoreContents> ReadAsync(CancellationToken cancellationToken)
    {
        if (files is not null)
        {
            if (File.Exists(files.Directory))
                throw new SnapshotStorageException($"the local snapshot store's folder {files.Directory} is a file, not a folder (akka.persistence.snapshot-store.local.dir)");
            // Reading never creates: the plugin, which creates its folder when it starts, is not started to read a folder that is not there.
            if (!Directory.Exists(files.Directory))
                return StoreContents.Empty;
        }
        var listing = files?.List(persistenceId);
        var damaged = new List<StoreDamage>();
        var catalog = await ReadCatalogAsync(listing, damaged, cancellationToken) ?? SnapshotCatalog.Empty;

        var entries = new List<StoredSnapshotInfo>();
        foreach (var entry in catalog.Entries)
        {
            if (listing is null || listing.Snapshots.ContainsKey(entry.Id))
                entries.Add(entry);
            else
                damaged.Add(new StoreDamage(entry.Id, Location(entry.Id, listing), "the catalog lists it, but its file is missing"));
        }
        var listed = catalog.Entries.Select(e => e.Id).ToHashSet();
        var read = new HashSet<long>();
        var deleted = new List<long>();
        var nextId = Math.Max(catalog.NextId, (listing?.HighestId ?? 0) + 1);
        if (listing is not null)
        {
            foreach (var id in listing.Snapshots.Keys.Where(id => !listed.Contains(id)).Order())
            {
                if (id < catalog.NextId)
                    deleted.Add(id);
                else
                    await RecoverAsync(id, listing, entries, read, damaged, cancellationToken);
            }
        }
        else
        {
            while (await RecoverAsync(nextId, listing, entries, read, damaged, cancellationToken))
                nextId++;
        }
        var version = Math.Max(catalog.Version, listing?.Catalog?.SequenceNr ?? 0);
        return new StoreContents(new SnapshotCatalog(version, nextId, [.. entries.OrderBy(e => e.Id)]), damaged, deleted, read, listing);
    }

    /// <summary>Where snapshot <paramref name="id"/> is: its file in the local store (the name it would have when missing), its persistence id in another.</summary>
    public string Location(long id, StoreListing? listing) => listing is null
        ? $"persistence id {PersistenceIdOf(id)}"
        : listing.Snapshots.TryGetValue(id, out var file) ? file : Path.Combine(files!.Directory, $"snapshot-{Uri.EscapeDataString(PersistenceIdOf(id))}-1-*");

    public string PersistenceIdOf(long id) => $"{persistenceId}-{id}";

    /// <summary>The stored catalog; null when there is none, or none readable (then it is among <paramref name="damaged"/>).</summary>
    private async Task<SnapshotCatalog?> ReadCatalogAsync(StoreListing? listing, List<StoreDamage> damaged, CancellationToken cancellationToken)
    {
        var location = listing?.Catalog?.Path ?? $"persistence id {persistenceId}";
        // Started outside the try: a plugin that cannot start is an error of its own, not an unreadable catalog.
        var store = plugin.Value;
        SelectedSnapshot? selected;
        try
        {
            selected = await store.LoadLatestAsync(persistenceId, cancellationToken);
        }
        // The store's write of the first version was cut short: no version was finished, so there is no catalog yet.
        catch (SnapshotStorageException) when (listing is not null && listing.Catalog is null)
        {
            return null;
        }
        catch (SnapshotStorageException e) when (listing is not null)
        {
            damaged.Add(new StoreDamage(null, location, $"cannot be read ({e.Message}); the catalog was rebuilt from the snapshots present"));
            return null;
        }
        catch (SnapshotStorageException e)
        {
            throw new SnapshotStorageException($"the catalog of stored snapshots ({location}) cannot be read, and with this plugin it cannot be rebuilt: {e.Message}", e);
        }
        // The local store reads an empty file as a snapshot of nothing.
        if (selected is { Snapshot: null })
        {
            damaged.Add(new StoreDamage(null, location, $"{EmptyRecord}; the catalog was rebuilt from the snapshots present"));
            return null;
        }
        if (selected is not null && listing?.Catalog is { } newest && (selected.Metadata.SequenceNr, selected.Metadata.Timestamp.Ticks) != (newest.SequenceNr, newest.Ticks))
            damaged.Add(new StoreDamage(null, newest.Path, "cannot be read; the version of the catalog before it was read instead"));
        return selected?.Snapshot switch
        {
            null => null,
            SnapshotCatalog catalog => catalog,
            var other => throw new SnapshotStorageException($"{persistenceId} in the store is a {other.GetType().Name}, not a catalog of snapshots (akka.snapshot.storage-persistence-id)"),
        };
    }

    /// <summary>Lists snapshot <paramref name="id"/>, which the catalog does not, from its own record; false when the store has none.</summary>
    private async Task<bool> RecoverAsync(
        long id, StoreListing? listing, List<StoredSnapshotInfo> entries, HashSet<long> read, List<StoreDamage> damaged, CancellationToken cancellationToken)
    {
        try
        {
            var selected = await plugin.Value.LoadLatestAsync(PersistenceIdOf(id), cancellationToken);
            switch (selected?.Snapshot)
            {
                case null when selected is null:
                    return false;
                case null:
                    damaged.Add(new StoreDamage(id, Location(id, listing), EmptyRecord));
                    return true;
                case StoredSnapshot stored:
                    entries.Add(stored.Info(id));
                    read.Add(id);
                    return true;
                case var other:
                    damaged.Add(new StoreDamage(id, Location(id, listing), $"holds a {other.GetType().Name}, not a stored snapshot"));
                    return true;
            }
        }
        catch (SnapshotStorageException e)
        {
            damaged.Add(new StoreDamage(id, Location(id, listing), e.Message));
            return true;
        }
    }
}
