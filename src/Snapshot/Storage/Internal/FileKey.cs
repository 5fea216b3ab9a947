namespace Snapshot.Storage.Internal;

/// <summary>One file of the local store, with the sequence number and timestamp its name carries.</summary>
internal sealed record FileKey(string Path, long SequenceNr, long Ticks);
