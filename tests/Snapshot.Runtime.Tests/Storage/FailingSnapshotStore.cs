using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Snapshot;

namespace Snapshot.Runtime.Tests.Storage;

/// <summary>An in-memory snapshot-store plugin whose disk is full for one persistence id: saving under it always fails.</summary>
public sealed class FailingSnapshotStore : MemorySnapshotStore
{
    public const string FullFor = "global-snapshots-2";

    public static readonly Config Config = ConfigurationFactory.ParseString($$"""
        akka.persistence.snapshot-store.failing.class = "{{typeof(FailingSnapshotStore).FullName}}, {{typeof(FailingSnapshotStore).Assembly.GetName().Name}}"
        akka.snapshot.storage-plugin = "akka.persistence.snapshot-store.failing"
        """);

    protected override Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken) =>
        metadata.PersistenceId == FullFor ? Task.FromException(new IOException("disk full")) : base.SaveAsync(metadata, snapshot, cancellationToken);
}
