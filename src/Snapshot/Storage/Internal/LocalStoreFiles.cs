using System.Globalization;
using Akka.Configuration;
using Akka.Persistence;

namespace Snapshot.Storage.Internal;

/// <summary>
/// The files of Akka.Persistence's local file store that belong to the storage, read from their names alone
/// (<c>snapshot-{escaped persistence id}-{sequence nr}-{ticks}</c>, with <c>.tmp</c> while the store writes one):
/// the one plugin whose contents can be listed, so the one whose catalog can be rebuilt from the snapshots present.
/// </summary>
internal sealed class LocalStoreFiles
{
    private const string LocalStoreClass = "Akka.Persistence.Snapshot.LocalSnapshotStore";
    private const string Unfinished = ".tmp";

    private LocalStoreFiles(string directory) => Directory = directory;

    /// <summary>The folder of the store, as a full path.</summary>
    public string Directory { get; }

    /// <summary>
    /// The files of the plugin at <paramref name="pluginPath"/> (empty: the default snapshot store) when it is the local
    /// file store; null for any other plugin.
    /// </summary>
    public static LocalStoreFiles? Of(Config config, string pluginPath)
    {
        var withDefaults = config.WithFallback(Persistence.DefaultConfig());
        var path = pluginPath.Length > 0 ? pluginPath : withDefaults.GetString("akka.persistence.snapshot-store.plugin", "");
        if (path.Length == 0 || !withDefaults.HasPath(path))
            return null;
        var plugin = withDefaults.GetConfig(path);
        var type = plugin.GetString("class", "");
        // The type name alone: the assembly-qualified name may or may not carry a version.
        return type.Split(',')[0].Trim() == LocalStoreClass
            ? new LocalStoreFiles(Path.GetFullPath(plugin.GetString("dir", "snapshots")))
            : null;
    }

    /// <summary>What the folder holds for the catalog <paramref name="persistenceId"/> and its snapshots; nothing when it does not exist.</summary>
    public StoreListing List(string persistenceId)
    {
        var snapshots = new Dictionary<long, FileKey>();
        FileKey? catalog = null;
        long highestId = 0;
        if (!System.IO.Directory.Exists(Directory))
            return StoreListing.Empty;
        var prefix = $"snapshot-{Uri.EscapeDataString(persistenceId)}-";
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, prefix + "*", SearchOption.TopDirectoryOnly))
        {
            var name = Path.GetFileName(file);
            var finished = !name.EndsWith(Unfinished, StringComparison.Ordinal);
            var numbers = Numbers(name[prefix.Length..^(finished ? 0 : Unfinished.Length)]);
            switch (numbers)
            {
                // The catalog's own versions: {version}-{ticks}.
                case [var version, var ticks] when finished:
                    if (catalog is null || (version, ticks).CompareTo((catalog.SequenceNr, catalog.Ticks)) > 0)
                        catalog = new FileKey(file, version, ticks);
                    break;
                // Snapshot {id}: {id}-{sequence nr}-{ticks}. A file the store had not finished writing is no snapshot,
                // but its id was given out all the same.
                case [var id, var sequenceNr, var ticks]:
                    highestId = Math.Max(highestId, id);
                    if (finished && (!snapshots.TryGetValue(id, out var newest) || (sequenceNr, ticks).CompareTo((newest.SequenceNr, newest.Ticks)) > 0))
                        snapshots[id] = new FileKey(file, sequenceNr, ticks);
                    break;
            }
        }
        return new StoreListing(snapshots.ToDictionary(s => s.Key, s => s.Value.Path), highestId, catalog);
    }

    /// <summary>The dash-separated whole numbers of <paramref name="text"/>; empty when any part is not one.</summary>
    private static long[] Numbers(string text)
    {
        var parts = text.Split('-');
        var numbers = new long[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
                return [];
        }
        return numbers;
    }
}
