using Akka.Actor;
using Snapshot.Runtime.Internal;

namespace Snapshot.Sharding.Internal;

/// <summary>
/// Carries a <see cref="ShardedSnapshot"/> from its coordinator to whoever asked for it on another node: whole when it fits
/// in one piece (half the remote frame), else as <see cref="SnapshotPiece"/>s to the asker's node actor, which puts them back
/// together (a snapshot of 10,000 entities is bigger than Akka's default frame of 128 kB).
/// </summary>
internal sealed class SnapshotPieces(ExtendedActorSystem system)
{
    private const int MaxPending = 16;

    private readonly Dictionary<Guid, byte[]?[]> _pending = [];
    private readonly Queue<Guid> _order = new();

    public void Send(IActorRef replyTo, ShardedSnapshot snapshot)
    {
        var size = LocalPartTransport.PieceSize(system);
        if (!replyTo.Path.Address.HasGlobalScope || replyTo.Path.Address == system.Provider.DefaultAddress)
        {
            replyTo.Tell(snapshot);
            return;
        }
        var bytes = system.Serialization.FindSerializerFor(snapshot).ToBinary(snapshot);
        if (bytes.Length <= size)
        {
            replyTo.Tell(snapshot);
            return;
        }
        var (id, count) = (Guid.NewGuid(), (bytes.Length + size - 1) / size);
        var node = ShardedSnapshotsActor.On(system, replyTo.Path.Address);
        for (var i = 0; i < count; i++)
            node.Tell(new SnapshotPiece(id, i, count, bytes[(i * size)..Math.Min(bytes.Length, (i + 1) * size)], replyTo));
    }

    /// <summary>The snapshot <paramref name="piece"/> completes; null while pieces are missing.</summary>
    public ShardedSnapshot? Add(SnapshotPiece piece)
    {
        if (piece.Count < 1 || piece.Index < 0 || piece.Index >= piece.Count)
            return null;
        if (!_pending.TryGetValue(piece.Snapshot, out var pieces) || pieces.Length != piece.Count)
        {
            _pending[piece.Snapshot] = pieces = new byte[]?[piece.Count];
            _order.Enqueue(piece.Snapshot);
            while (_order.Count > MaxPending && _order.TryDequeue(out var oldest))
                _pending.Remove(oldest);
        }
        pieces[piece.Index] = piece.Bytes;
        if (pieces.Any(p => p is null))
            return null;
        _pending.Remove(piece.Snapshot);
        return (ShardedSnapshot)system.Serialization.Deserialize([.. pieces.SelectMany(p => p!)], system.Serialization.FindSerializerForType(typeof(ShardedSnapshot)).Identifier, "SS");
    }
}
