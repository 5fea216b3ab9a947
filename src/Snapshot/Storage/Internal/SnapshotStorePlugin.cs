using Akka.Actor;
using Akka.Persistence;

namespace Snapshot.Storage.Internal;

/// <summary>
/// The conversation with an Akka.Persistence snapshot-store plugin, through the messages every plugin answers
/// (<see cref="SaveSnapshot"/>, <see cref="LoadSnapshot"/>, <see cref="DeleteSnapshots"/>), so any plugin works,
/// not only the local file store. A failure the plugin reports is thrown with its cause.
/// </summary>
internal sealed class SnapshotStorePlugin(IActorRef store, TimeSpan timeout)
{
    /// <summary>The latest snapshot saved under <paramref name="persistenceId"/>, or null when there is none.</summary>
    public async Task<SelectedSnapshot?> LoadLatestAsync(string persistenceId, CancellationToken cancellationToken) =>
        await AskAsync(new LoadSnapshot(persistenceId, SnapshotSelectionCriteria.Latest, long.MaxValue), cancellationToken) switch
        {
            LoadSnapshotResult result => result.Snapshot,
            LoadSnapshotFailed failed => throw Failed($"loading {persistenceId}", failed.Cause),
            var other => throw Unexpected(other),
        };

    public async Task SaveAsync(string persistenceId, long sequenceNr, object record, CancellationToken cancellationToken)
    {
        var metadata = new SnapshotMetadata(persistenceId, sequenceNr, DateTime.UtcNow);
        switch (await AskAsync(new SaveSnapshot(metadata, record), cancellationToken))
        {
            case SaveSnapshotSuccess:
                return;
            case SaveSnapshotFailure failure:
                throw Failed($"saving {persistenceId} #{sequenceNr}", failure.Cause);
            case var other:
                throw Unexpected(other);
        }
    }

    /// <summary>Deletes the snapshots of <paramref name="persistenceId"/> up to <paramref name="maxSequenceNr"/>.</summary>
    public async Task DeleteAsync(string persistenceId, long maxSequenceNr, CancellationToken cancellationToken)
    {
        switch (await AskAsync(new DeleteSnapshots(persistenceId, new SnapshotSelectionCriteria(maxSequenceNr)), cancellationToken))
        {
            case DeleteSnapshotsSuccess:
                return;
            case DeleteSnapshotsFailure failure:
                throw Failed($"deleting {persistenceId} up to #{maxSequenceNr}", failure.Cause);
            case var other:
                throw Unexpected(other);
        }
    }

    private async Task<object> AskAsync(object request, CancellationToken cancellationToken)
    {
        try
        {
            return await store.Ask<object>(request, timeout, cancellationToken);
        }
        catch (AskTimeoutException e)
        {
            throw new SnapshotStorageException($"the snapshot store {store.Path} did not answer {request.GetType().Name} within {timeout} (akka.snapshot.storage-timeout)", e);
        }
    }

    // Plugins wrap what went wrong (a serializer's exception in a load exception, say): the innermost cause says it.
    private SnapshotStorageException Failed(string what, Exception cause) =>
        new($"the snapshot store {store.Path} failed {what}: {cause.GetBaseException().Message}", cause);

    private SnapshotStorageException Unexpected(object reply) =>
        new($"the snapshot store {store.Path} answered {reply.GetType().Name}, not a snapshot-store reply");
}
