using Akka.Actor;
using Snapshot.Algorithm;
using Snapshot.Runtime.Internal;

namespace Snapshot.Runtime.Coordination;

/// <summary>Reassembles the batches of serialized parts that the coordinators of other nodes send in pieces.</summary>
internal sealed class PartChunks
{
    private readonly Dictionary<(SnapshotId, IActorRef, int), byte[]?[]> _pending = [];

    /// <summary>Adds a piece.</summary>
    /// <returns>The whole serialized batch once its last piece arrived; null until then.</returns>
    public byte[]? Add(PartBatchChunk chunk)
    {
        var key = (chunk.Id, chunk.Source, chunk.Batch);
        if (chunk.Count < 1 || chunk.Index < 0 || chunk.Index >= chunk.Count)
            return null;
        if (!_pending.TryGetValue(key, out var pieces) || pieces.Length != chunk.Count)
            _pending[key] = pieces = new byte[]?[chunk.Count];
        pieces[chunk.Index] = chunk.Bytes;
        if (pieces.Any(p => p is null))
            return null;
        _pending.Remove(key);
        return [.. pieces.SelectMany(p => p!)];
    }

    /// <summary>The number of batches whose pieces it is still putting together.</summary>
    public TableSize TableSize() => new("coordinator.part-chunks", _pending.Count);

    /// <summary>Drops the pieces of a snapshot that ended.</summary>
    public void Forget(SnapshotId id)
    {
        foreach (var key in _pending.Keys.Where(k => k.Item1 == id).ToArray())
            _pending.Remove(key);
    }
}
