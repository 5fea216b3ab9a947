namespace Snapshot.Sharding.Internal;

/// <summary>A message of the sharded snapshot protocol: bound to <c>ShardedProtocolSerializer</c> in reference.conf.</summary>
internal interface IShardedProtocolMessage;
