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
/// A save writes the snapshot first and the catalog after, and a delete removes the entry from the catalog first: a
/// failure at any step leaves every snapshot the catalog lists readable. One ActorSystem stores one change at a
/// time; like any persistence id, a store should have one writing ActorSystem at a time.
/// </remarks>
public sealed class GlobalSnapshotStorage : IExtension
{
    private readonly ExtendedActorSystem _system;
    private readonly ILoggingAdapter _log;
    private readonly Lazy<SnapshotStorePlugin> _plugin;
    private readonly SemaphoreSlim _oneChangeAtATime = new(1, 1);

    public GlobalSnapshotStorage(ExtendedActorSystem system)
    {
        _system = system;
        _log = Logging.GetLogger(system, typeof(GlobalSnapshotStorage));
        Settings = GlobalSnapshotStorageSettings.Create(system);
        // The plugin starts on first use: a system that never stores a snapshot never starts Akka.Persistence.
        _plugin = new Lazy<SnapshotStorePlugin>(() => new SnapshotStorePlugin(StartStore(system), Settings.Timeout));
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

    /// <summary>The stored snapshots, oldest first; those of <paramref name="group"/> only when it is set.</summary>
    public async Task<IReadOnlyList<StoredSnapshotInfo>> ListAsync(string? group = null, CancellationToken cancellationToken = default)
    {
        var catalog = await LoadCatalogAsync(cancellationToken);
        return group is null ? catalog.Entries : [.. catalog.Entries.Where(e => e.Group == group)];
    }

    /// <summary>
    /// The snapshot stored under <paramref name="id"/>, as it was taken. Refs are this system's when it resolves their
    /// paths to the same actors; otherwise they keep the stored path (and uid), and what is told to them goes to dead letters.
    /// </summary>
    /// <exception cref="StoredSnapshotNotFoundException">No snapshot is stored under <paramref name="id"/>.</exception>
    /// <exception cref="SnapshotStorageException">It cannot be read: the store failed, or a format, state or message cannot be read back.</exception>
    public async Task<GlobalSnapshot> LoadAsync(long id, CancellationToken cancellationToken = default)
    {
        var catalog = await LoadCatalogAsync(cancellationToken);
        if (catalog.Entries.All(e => e.Id != id))
            throw new StoredSnapshotNotFoundException(id);
        SelectedSnapshot? selected;
        try
        {
            selected = await Plugin.LoadLatestAsync(PersistenceIdOf(id), cancellationToken);
        }
        catch (SnapshotStorageException e)
        {
            throw new SnapshotStorageException($"cannot read stored snapshot {id}: {e.Message}", e);
        }
        return selected?.Snapshot switch
        {
            StoredSnapshot stored => StoredSnapshotConverter.ToGlobalSnapshot(stored, id, _system),
            // Deleted by another ActorSystem between reading the catalog and the snapshot.
            null => throw new StoredSnapshotNotFoundException(id),
            var other => throw new SnapshotStorageException($"snapshot {id} in the store is a {other.GetType().Name}, not a stored snapshot"),
        };
    }

    /// <summary>Deletes the snapshot stored under <paramref name="id"/>.</summary>
    /// <exception cref="StoredSnapshotNotFoundException">No snapshot is stored under <paramref name="id"/>.</exception>
    public async Task DeleteAsync(long id, CancellationToken cancellationToken = default)
    {
        await _oneChangeAtATime.WaitAsync(cancellationToken);
        try
        {
            var catalog = await LoadCatalogAsync(cancellationToken);
            if (catalog.Entries.All(e => e.Id != id))
                throw new StoredSnapshotNotFoundException(id);
            await DeleteEntriesAsync(catalog, [id], cancellationToken);
        }
        finally
        {
            _oneChangeAtATime.Release();
        }
    }

    internal async Task<StoredSnapshotInfo> SaveAsync(GlobalSnapshot snapshot, bool periodic, CancellationToken cancellationToken)
    {
        // Serialized before the store is touched: a state that cannot be serialized fails here, naming it.
        var stored = StoredSnapshotConverter.ToStored(snapshot, _system);
        await _oneChangeAtATime.WaitAsync(cancellationToken);
        try
        {
            var catalog = await LoadCatalogAsync(cancellationToken);
            var entry = new StoredSnapshotInfo(
                catalog.NextId, snapshot.Group, snapshot.Processes.Count, snapshot.RecordedMessages, snapshot.StartedAt, snapshot.CompletedAt, periodic);
            // A save whose catalog could not be written may have left a snapshot under this id, unlisted: replace it.
            await Plugin.DeleteAsync(PersistenceIdOf(entry.Id), long.MaxValue, cancellationToken);
            await Plugin.SaveAsync(PersistenceIdOf(entry.Id), 1, stored, cancellationToken);
            await SaveCatalogAsync(catalog.With(entry), cancellationToken);
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
            var catalog = await LoadCatalogAsync(cancellationToken);
            var periodic = catalog.Entries.Where(e => e.Periodic && e.Group == group).ToArray();
            long[] pruned = [.. periodic.Take(Math.Max(0, periodic.Length - Settings.KeepLast)).Select(e => e.Id)];
            if (pruned.Length > 0)
                await DeleteEntriesAsync(catalog, pruned, cancellationToken);
            return pruned;
        }
        finally
        {
            _oneChangeAtATime.Release();
        }
    }

    private async Task DeleteEntriesAsync(SnapshotCatalog catalog, IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        // The catalog first: should deleting a snapshot then fail, it is left unlisted, never listed but gone.
        await SaveCatalogAsync(catalog.Without(ids), cancellationToken);
        foreach (var id in ids)
            await DeleteOrWarnAsync(PersistenceIdOf(id), long.MaxValue, $"snapshot {id}, no longer listed", cancellationToken);
    }

    private async Task<SnapshotCatalog> LoadCatalogAsync(CancellationToken cancellationToken) =>
        (await Plugin.LoadLatestAsync(Settings.PersistenceId, cancellationToken))?.Snapshot switch
        {
            SnapshotCatalog catalog => catalog,
            null => SnapshotCatalog.Empty,
            var other => throw new SnapshotStorageException($"{Settings.PersistenceId} in the store is a {other.GetType().Name}, not a catalog of snapshots (akka.snapshot.storage-persistence-id)"),
        };

    private async Task SaveCatalogAsync(SnapshotCatalog catalog, CancellationToken cancellationToken)
    {
        await Plugin.SaveAsync(Settings.PersistenceId, catalog.Version, catalog, cancellationToken);
        // Older versions are no longer read; a failure to delete them leaves the new one the latest all the same. The
        // first version has none, and some plugins (the in-memory one) read a maximum sequence number of 0 as "all".
        if (catalog.Version > 1)
            await DeleteOrWarnAsync(Settings.PersistenceId, catalog.Version - 1, "the catalog's older versions", cancellationToken);
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

    private string PersistenceIdOf(long id) => $"{Settings.PersistenceId}-{id}";
}

public sealed class GlobalSnapshotStorageExtensionProvider : ExtensionIdProvider<GlobalSnapshotStorage>
{
    public override GlobalSnapshotStorage CreateExtension(ExtendedActorSystem system) => new(system);
}
