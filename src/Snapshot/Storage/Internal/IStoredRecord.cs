namespace Snapshot.Storage.Internal;

/// <summary>What the storage hands to the snapshot-store plugin; bound to the storage format's serializer in reference.conf.</summary>
internal interface IStoredRecord;
