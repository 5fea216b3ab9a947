using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Snapshot.Runtime;

namespace Snapshot.Storage;

/// <summary>
/// The storage keys of <c>akka.snapshot</c> (<c>storage-plugin</c>, <c>storage-persistence-id</c>, <c>storage-timeout</c>,
/// <c>interval</c>, <c>periodic-group</c>, <c>keep-last</c>), read once and validated when the storage extension starts.
/// </summary>
public sealed class GlobalSnapshotStorageSettings
{
    private GlobalSnapshotStorageSettings(string plugin, string persistenceId, TimeSpan timeout, TimeSpan? interval, string periodicGroup, int keepLast)
    {
        Plugin = plugin;
        PersistenceId = GlobalSnapshotsSettings.Require(persistenceId, !string.IsNullOrWhiteSpace(persistenceId), "storage-persistence-id", "must not be empty");
        Timeout = GlobalSnapshotsSettings.Require(timeout, timeout > TimeSpan.Zero, "storage-timeout", "must be longer than 0");
        Interval = GlobalSnapshotsSettings.Require(interval, interval is null || interval > TimeSpan.Zero, "interval", "must be longer than 0, or off");
        PeriodicGroup = periodicGroup;
        KeepLast = GlobalSnapshotsSettings.Require(keepLast, keepLast >= 1, "keep-last", "must be at least 1");
    }

    /// <summary>The config path of the snapshot-store plugin; empty for the application's default snapshot store.</summary>
    public string Plugin { get; }

    /// <summary>The persistence id of the catalog; snapshot N is stored under <c>PersistenceId-N</c>.</summary>
    public string PersistenceId { get; }

    /// <summary>How long one call to the snapshot-store plugin may take.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>How often a periodic snapshot is taken and stored; null when periodic snapshots are off.</summary>
    public TimeSpan? Interval { get; }

    /// <summary>The group periodic snapshots cover; empty for <c>default-group</c>.</summary>
    public string PeriodicGroup { get; }

    /// <summary>How many periodic snapshots of the group are kept.</summary>
    public int KeepLast { get; }

    public static GlobalSnapshotStorageSettings Create(ActorSystem system)
    {
        system.Settings.InjectTopLevelFallback(GlobalSnapshotsSettings.DefaultConfig());
        var settings = Create(system.Settings.Config.GetConfig(GlobalSnapshotsSettings.Section));
        // The plugins Akka.Persistence defines itself (inmem, local) are in its defaults, loaded only once it starts.
        if (settings.Plugin.Length > 0 && !system.Settings.Config.WithFallback(Persistence.DefaultConfig()).HasPath(settings.Plugin))
            throw new ConfigurationException($"{GlobalSnapshotsSettings.Section}.storage-plugin = {settings.Plugin}: no such section in the configuration, so no snapshot-store plugin to use");
        return settings;
    }

    /// <summary>Reads the storage keys of the <c>akka.snapshot</c> section.</summary>
    /// <exception cref="ConfigurationException">A value is missing, malformed or out of range; the message names its key.</exception>
    public static GlobalSnapshotStorageSettings Create(Config section)
    {
        if (section.IsNullOrEmpty())
            throw new ConfigurationException($"{GlobalSnapshotsSettings.Section} is missing: the defaults of reference.conf were not loaded");
        return new GlobalSnapshotStorageSettings(
            GlobalSnapshotsSettings.Read(section, "storage-plugin", c => c.GetString("storage-plugin")),
            GlobalSnapshotsSettings.Read(section, "storage-persistence-id", c => c.GetString("storage-persistence-id")),
            GlobalSnapshotsSettings.Read(section, "storage-timeout", c => c.GetTimeSpan("storage-timeout", allowInfinite: false)),
            GlobalSnapshotsSettings.Read(section, "interval", ReadInterval),
            GlobalSnapshotsSettings.Read(section, "periodic-group", c => c.GetString("periodic-group")),
            GlobalSnapshotsSettings.Read(section, "keep-last", c => c.GetInt("keep-last")));
    }

    public GlobalSnapshotStorageSettings WithPlugin(string plugin) => Copy(plugin: plugin);

    public GlobalSnapshotStorageSettings WithPersistenceId(string persistenceId) => Copy(persistenceId: persistenceId);

    public GlobalSnapshotStorageSettings WithTimeout(TimeSpan timeout) => Copy(timeout: timeout);

    /// <summary>A copy with periodic snapshots every <paramref name="interval"/>, or off when it is null.</summary>
    public GlobalSnapshotStorageSettings WithInterval(TimeSpan? interval) =>
        new(Plugin, PersistenceId, Timeout, interval, PeriodicGroup, KeepLast);

    public GlobalSnapshotStorageSettings WithPeriodicGroup(string group) => Copy(periodicGroup: group);

    public GlobalSnapshotStorageSettings WithKeepLast(int keepLast) => Copy(keepLast: keepLast);

    private GlobalSnapshotStorageSettings Copy(
        string? plugin = null,
        string? persistenceId = null,
        TimeSpan? timeout = null,
        string? periodicGroup = null,
        int? keepLast = null) => new(
        plugin ?? Plugin,
        persistenceId ?? PersistenceId,
        timeout ?? Timeout,
        Interval,
        periodicGroup ?? PeriodicGroup,
        keepLast ?? KeepLast);

    // HOCON reads an unquoted off as the string "off"; any other value must be a duration.
    private static TimeSpan? ReadInterval(Config section) =>
        section.GetString("interval") is "off" ? null : section.GetTimeSpan("interval", allowInfinite: false);
}
