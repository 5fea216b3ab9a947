namespace Snapshot.Storage;

/// <summary>
/// A snapshot could not be stored, found or read back: the message names the snapshot and what failed (the store,
/// a participant's state or a message that cannot be serialized, a format this version does not read).
/// </summary>
public class SnapshotStorageException(string message, Exception? cause = null) : Exception(message, cause);
