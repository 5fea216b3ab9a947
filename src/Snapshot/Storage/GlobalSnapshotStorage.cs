using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Akka.Persistence;
using Snapshot.Runtime;
using Snapshot.Storage.Internal;

namespace Snapshot.Storage;

/// <summary>
/// Stores completed global snapshots through the application's Akka.Persistence snapshot store
/// (<c>akka.snapshot.storage-plugin</c>; by default the default snapshot store, the local file store unless
/// configured otherwise) and reads them back: <c>GlobalSnapshotStorage.Get(system).SaveAsync(snapshot)</c>.
/// With <c>akka.snapshot.interval</c> set it also takes and stores snapshots periodically, keeping the last
/// <c>keep-last</c>.
/// </summary>
/// <remarks>
/// A snapshot store returns only the latest snapshot of a persistence id, so each stored snapshot has a persistence
/// id of its own and a catalog, saved as a new version of the storage's persistence id at each change, lists them.
/// A save writes the snapshot first and the catalog after, and a delete removes the entry from the catalog first; a
/// crash between the two steps is corrected from the data the next time the store is read (see
/// <see cref="StoreContentsReader"/>), so a snapshot is never lost, overwritten or left unlisted, and an id never
/// given out twice. Every stored record carries a checksum. One ActorSystem stores one change at a time; like any
/// persistence id, a store should have one writing ActorSystem at a time.
/// </remarks>
public sealed class GlobalSnapshotStorage : IExtension
{
    private readonly ExtendedActorSystem _system;
    private readonly ILoggingAdapter _log;
    private readonly Lazy<SnapshotStorePlugin> _plugin;
    private readonly StoreContentsReader _contents;
    private readonly SemaphoreSlim _oneChangeAtATime = new(1, 1);

    public GlobalSnapshotStorage(ExtendedActorSystem system)
    {
        _system = system;
        _log = Logging.GetLogger(system, typeof(GlobalSnapshotStorage));
        Settings = GlobalSnapshotStorageSettings.Create(system);
        // The plugin starts on first use: a system that never stores a snapshot never starts Akka.Persistence.
        _plugin = new Lazy<SnapshotStorePlugin>(() => new SnapshotStorePlugin(StartStore(system), Settings.Timeout));
        _contents = new StoreContentsReader(_plugin, LocalStoreFiles.Of(system.Settings.Config, Settings.Plugin), Settings.PersistenceId);
        var snapshots = GlobalSnapshots.Get(system);
        PeriodicGroup = Settings.PeriodicGroup.Length > 0 ? Settings.PeriodicGroup : snapshots.Settings.DefaultGroup;
        if (Settings.Interval is { } interval)
            system.SystemActorOf(PeriodicSnapshots.Props(this, snapshots, interval), "periodic-global-snapshots");
    }

    public GlobalSnapshotStorageSettings Settings { get; }

    /// <summary>The group periodic snapshots cover: <c>periodic-group</c>, or <c>default-group</c> when that is empty.</summary>
    public string PeriodicGroup { get; }

    private SnapshotStorePlugin Plugin => _plugin.Value;

    /// <summary>The plugin's actor; a plugin Akka.Persistence cannot start (no class, a bad setting) is named with the setting that chose it.</summary>
    private IActorRef StartStore(ExtendedActorSystem system)
    {
        try
        {
            return Persistence.Instance.Apply(system).SnapshotStoreFor(Settings.Plugin);
        }
        catch (Exception e) when (e is ArgumentException or ConfigurationException or TypeLoadException or InvalidOperationException)
        {
            var store = Settings.Plugin.Length > 0
                ? $"the snapshot store '{Settings.Plugin}' ({GlobalSnapshotsSettings.Section}.storage-plugin)"
                : $"the default snapshot store (akka.persistence.snapshot-store.plugin; {GlobalSnapshotsSettings.Section}.storage-plugin is empty)";
            throw new SnapshotStorageException($"cannot start {store}: {e.Message}", e);
        }
    }

    public static GlobalSnapshotStorage Get(ActorSystem system) =>
        system.WithExtension<GlobalSnapshotStorage, GlobalSnapshotStorageExtensionProvider>();

    /// <summary>Stores <paramref name="snapshot"/> under the next id; it stays until <see cref="DeleteAsync"/>.</summary>
    /// <returns>What the catalog now says of it, its id among it.</returns>
    /// <exception cref="SnapshotStorageException">
    /// A state or message cannot be serialized (the message names it), or the store failed; nothing stored before is lost.
    /// </exception>
    public Task<StoredSnapshotInfo> SaveAsync(GlobalSnapshot snapshot, CancellationToken cancellationToken = default) =>
        SaveAsync(snapshot, periodic: false, cancellationToken);

    /// <summary>
    /// The stored snapshots, oldest first; those of <paramref name="group"/> only when it is set. Snapshots the catalog
    /// lists but whose data is missing are left out; <see cref="CheckAsync"/> names them.
    /// </summary>
    public async Task<IReadOnlyList<StoredSnapshotInfo>> ListAsync(string? group = null, CancellationToken cancellationToken = default)
    {
        var entries = (await _contents.ReadAsync(cancellationToken)).Catalog.Entries;
        return group is null ? entries : [.. entries.Where(e => e.Group == group)];
    }

    /// <summary>
    /// Reads every stored snapshot's record back whole, checksum included, and says which can be and what cannot:
    /// a catalog entry whose data is missing or damaged, a damaged catalog (whose snapshots are listed all the same).
    /// States and messages are not deserialized: that needs the application's serializers, which <see cref="LoadAsync"/> uses.
    /// </summary>
    public async Task<StoreCheck> CheckAsync(CancellationToken cancellationToken = default)
    {
        var contents = await _contents.ReadAsync(cancellationToken);
        var readable = new List<StoredSnapshotInfo>();
        var damaged = new List<StoreDamage>(contents.Damaged);
        foreach (var entry in contents.Catalog.Entries)
        {
            try
            {
                if (!contents.Read.Contains(entry.Id))
                    await LoadRecordAsync(entry.Id, contents, cancellationToken);
                readable.Add(entry);
            }
            catch (SnapshotStorageException e)
            {
                damaged.Add(new StoreDamage(entry.Id, _contents.Location(entry.Id, contents.Listing), e.Message));
            }
        }
        return new StoreCheck(readable, damaged);
    }

    /// <summary>
    /// The snapshot stored under <paramref name="id"/>, as it was taken. Refs are this system's when it resolves their
    /// paths to the same actors; otherwise they keep the stored path (and uid), and what is told to them goes to dead letters.
    /// </summary>
    /// <exception cref="StoredSnapshotNotFoundException">No snapshot is stored under <paramref name="id"/>.</exception>
    /// <exception cref="SnapshotStorageException">
    /// It cannot be read: its data is missing or damaged (the message names its file), the store failed, or a format,
    /// state or message cannot be read back.
    /// </exception>
    public async Task<GlobalSnapshot> LoadAsync(long id, CancellationToken cancellationToken = default)
    {
        var contents = await _contents.ReadAsync(cancellationToken);
        if (contents.Damaged.FirstOrDefault(d => d.Id == id) is { } damage)
            throw new SnapshotStorageException($"cannot read stored {damage}");
        if (contents.Catalog.Entries.All(e => e.Id != id))
            throw new StoredSnapshotNotFoundException(id);
        return StoredSnapshotConverter.ToGlobalSnapshot(await LoadRecordAsync(id, contents, cancellationToken), id, _system);
    }

    /// <summary>Deletes the snapshot stored under <paramref name="id"/>.</summary>
    /// <exception cref="StoredSnapshotNotFoundException">No snapshot is stored under <paramref name="id"/>.</exception>
    public async Task DeleteAsync(long id, CancellationToken cancellationToken = default)
    {
        await _oneChangeAtATime.WaitAsync(cancellationToken);
        try
        {
            var contents = await _contents.ReadAsync(cancellationToken);
            if (contents.Catalog.Entries.All(e => e.Id != id))
                throw new StoredSnapshotNotFoundException(id);
            await DeleteEntriesAsync(contents, [id], cancellationToken);
        }
        finally
        {
            _oneChangeAtATime.Release();
        }
    }

    internal async Task<StoredSnapshotInfo> SaveAsync(GlobalSnapshot snapshot, bool periodic, CancellationToken cancellationToken)
    {
        // Serialized before the store is touched: a state that cannot be serialized fails here, naming it.
        var stored = StoredSnapshotConverter.ToStored(snapshot, periodic, _system);
        await _oneChangeAtATime.WaitAsync(cancellationToken);
        try
        {
            var contents = await _contents.ReadAsync(cancellationToken);
            WarnOfDamage(contents);
            var entry = stored.Info(contents.Catalog.NextId);
            // The next id passes every id the store holds: nothing is overwritten.
            await Plugin.SaveAsync(_contents.PersistenceIdOf(entry.Id), 1, stored, cancellationToken);
            await SaveCatalogAsync(contents.Catalog.With(entry), cancellationToken);
            await RemoveDeletedAsync(contents.Deleted, cancellationToken);
            return entry;
        }
        finally
        {
            _oneChangeAtATime.Release();
        }
    }

    /// <summary>Deletes the periodic snapshots of <paramref name="group"/> but the last <c>keep-last</c>; returns their ids.</summary>
    internal async Task<IReadOnlyList<long>> PruneAsync(string group, CancellationToken cancellationToken)
    {
        await _oneChangeAtATime.WaitAsync(cancellationToken);
        try
        {
            var contents = await _contents.ReadAsync(cancellationToken);
            var periodic = contents.Catalog.Entries.Where(e => e.Periodic && e.Group == group).ToArray();
            long[] pruned = [.. periodic.Take(Math.Max(0, periodic.Length - Settings.KeepLast)).Select(e => e.Id)];
            if (pruned.Length > 0)
                await DeleteEntriesAsync(contents, pruned, cancellationToken);
            return pruned;
        }
        finally
        {
            _oneChangeAtATime.Release();
        }
    }

    private async Task<StoredSnapshot> LoadRecordAsync(long id, StoreContents contents, CancellationToken cancellationToken)
    {
        SelectedSnapshot? selected;
        try
        {
            selected = await Plugin.LoadLatestAsync(_contents.PersistenceIdOf(id), cancellationToken);
        }
        catch (SnapshotStorageException e)
        {
            throw new SnapshotStorageException($"cannot read stored snapshot {id} ({_contents.Location(id, contents.Listing)}): {e.Message}", e);
        }
        return selected?.Snapshot switch
        {
            StoredSnapshot stored => stored,
            // Deleted by another ActorSystem between reading the catalog and the snapshot.
            null when selected is null => throw new StoredSnapshotNotFoundException(id),
            null => throw new SnapshotStorageException($"cannot read stored snapshot {id} ({_contents.Location(id, contents.Listing)}): {StoreContentsReader.EmptyRecord}"),
            var other => throw new SnapshotStorageException($"snapshot {id} in the store is a {other.GetType().Name}, not a stored snapshot"),
        };
    }

    private async Task DeleteEntriesAsync(StoreContents contents, IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        WarnOfDamage(contents);
        // The catalog first: should deleting a snapshot then fail, it is left unlisted, never listed but gone.
        await SaveCatalogAsync(contents.Catalog.Without(ids), cancellationToken);
        await RemoveDeletedAsync([.. contents.Deleted, .. ids], cancellationToken);
    }

    private async Task RemoveDeletedAsync(IEnumerable<long> ids, CancellationToken cancellationToken)
    {
        foreach (var id in ids)
            await DeleteOrWarnAsync(_contents.PersistenceIdOf(id), long.MaxValue, $"snapshot {id}, no longer listed", cancellationToken);
    }

    /// <summary>A change writes a catalog without what cannot be read: the log says what it leaves out, and why.</summary>
    private void WarnOfDamage(StoreContents contents)
    {
        foreach (var damage in contents.Damaged)
            _log.Warning("the snapshot store holds what cannot be read, left out of its catalog: {0}", damage);
    }

    private async Task SaveCatalogAsync(SnapshotCatalog catalog, CancellationToken cancellationToken)
    {
        await Plugin.SaveAsync(Settings.PersistenceId, catalog.Version, catalog, cancellationToken);
        // The version before stays, to be read should this one become unreadable; older ones are no longer read, and a
        // failure to delete them leaves the new one the latest all the same. Some plugins (the in-memory one) read a
        // maximum sequence number of 0 as "all".
        if (catalog.Version > 2)
            await DeleteOrWarnAsync(Settings.PersistenceId, catalog.Version - 2, "the catalog's older versions", cancellationToken);
    }

    /// <summary>Deletes what no catalog lists any more: a failure leaves unused data behind, not a failed change.</summary>
    private async Task DeleteOrWarnAsync(string persistenceId, long maxSequenceNr, string what, CancellationToken cancellationToken)
    {
        try
        {
            await Plugin.DeleteAsync(persistenceId, maxSequenceNr, cancellationToken);
        }
        catch (SnapshotStorageException e)
        {
            _log.Warning("could not delete {0} from the snapshot store, where it stays unused: {1}", what, e.Message);
        }
    }
}
public sealed class GlobalSnapshotStorageExtensionProvider : ExtensionIdProvider<GlobalSnapshotStorage>
{
    public override GlobalSnapshotStorage CreateExtension(ExtendedActorSystem system) => new(system);
}
