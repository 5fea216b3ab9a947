using Akka.Configuration;

namespace Snapshot.Runtime.Tests.Storage;

/// <summary>A fresh directory for the local file snapshot store of one test, deleted with everything in it afterwards.</summary>
public sealed class StoreDirectory : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "snapshot-storage-tests", Guid.NewGuid().ToString("N"));

    /// <summary>
    /// The default snapshot store (the local file store) in this directory; <c>keep-last = 2</c>, so that pruning
    /// shows after a few snapshots.
    /// </summary>
    public Config Config() => ConfigurationFactory.ParseString($$"""
        akka.persistence.snapshot-store.local.dir = "{{Root.Replace("\\", "\\\\")}}"
        akka.snapshot.keep-last = 2
        """);

    public void Dispose()
    {
        if (Directory.Exists(Root))
            Directory.Delete(Root, recursive: true);
    }
}
