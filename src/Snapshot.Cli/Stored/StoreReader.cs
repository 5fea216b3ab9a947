using System.Text.Json;
using Akka.Actor;
using Akka.Configuration;
using Snapshot.Cli.Demo;
using Snapshot.Cli.Nodes;
using Snapshot.Storage;
using Snapshot.Storage.Internal;

namespace Snapshot.Cli.Stored;

/// <summary>
/// Opens the snapshot store a node's HOCON file configures, in an ActorSystem of its own that only reads: local
/// (no remoting started, no port taken, no cluster joined), with no periodic snapshots. What goes wrong is reported
/// as the command's one error line, so Akka's own log (a plugin logs a failed load with its stack trace) is off.
/// </summary>
public static class StoreReader
{
    private static readonly Config ReaderOverrides = ConfigurationFactory.ParseString("""
        akka.actor.provider = local
        akka.snapshot.interval = off
        akka.loglevel = OFF
        """);

    /// <summary>Runs <paramref name="read"/> on the store; a snapshot not in it is a user's mistake (exit 2), a store or format failure a failed run (exit 1).</summary>
    public static async Task<int> RunAsync(string? configPath, TextWriter error, Func<GlobalSnapshotStorage, Task<int>> read)
    {
        var config = ReaderOverrides.WithFallback(configPath is null ? Config.Empty : NodeConfig.Read(configPath)).WithFallback(CliAkkaConfig.Quiet);
        if (LocalStoreFiles.Of(config, config.GetString("akka.snapshot.storage-plugin", "")) is { } files)
            StoreFolder.CheckReadable(files.Directory, "--config");
        var system = NodeConfig.Start(configPath ?? "the defaults", config);
        try
        {
            return await read(Open(system, configPath));
        }
        catch (StoredSnapshotNotFoundException e)
        {
            error.WriteLine($"error: {e.Message} ('snapshot list' shows those that are)");
            return ExitCodes.BadInput;
        }
        catch (SnapshotStorageException e)
        {
            error.WriteLine($"error: {e.Message.ReplaceLineEndings(" ")}");
            return ExitCodes.InvariantViolated;
        }
        finally
        {
            await system.Terminate();
        }
    }

    /// <summary>A reader of the local snapshot store in <paramref name="directory"/>, the store <c>demo --store</c> names.</summary>
    public static ActorSystem StartOn(string directory) => ActorSystem.Create(LocalCluster.SystemName, ConfigurationFactory
        .ParseString($"akka.persistence.snapshot-store.local.dir = {JsonSerializer.Serialize(directory)}")
        .WithFallback(ReaderOverrides)
        .WithFallback(CliAkkaConfig.Quiet));

    /// <summary>Starts the storage of <paramref name="system"/>; a bad storage setting stops the system and is reported against the file.</summary>
    public static GlobalSnapshotStorage Open(ActorSystem system, string? configPath)
    {
        try
        {
            return GlobalSnapshotStorage.Get(system);
        }
        catch (ConfigurationException e)
        {
            system.Terminate().Wait();
            throw new UsageException("--config", $"'{configPath}': {e.Message}");
        }
    }
}
