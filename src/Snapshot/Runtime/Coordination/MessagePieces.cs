using Akka.Actor;
using Snapshot.Algorithm;
using Snapshot.Runtime.Internal;
using Snapshot.Runtime.Serialization;

namespace Snapshot.Runtime.Coordination;

/// <summary>
/// Sends a coordinator's message to another coordinator whole when it fits in one piece (half the remote frame), else as
/// <see cref="MessagePiece"/>s, and puts the pieces it receives back together. The pieces of one message travel one
/// association in order; a message whose pieces stop coming (its association dropped) is dropped once more than
/// <see cref="MaxPending"/> others are pending.
/// </summary>
internal sealed class MessagePieces(ExtendedActorSystem system)
{
    private const int MaxPending = 64;

    private readonly Dictionary<(string From, Guid Message), byte[]?[]> _pending = [];
    private readonly Queue<(string From, Guid Message)> _order = new();
    private readonly int _pieceSize = LocalPartTransport.PieceSize(system);
    private readonly SnapshotProtocolSerializer _serializer = (SnapshotProtocolSerializer)system.Serialization.FindSerializerForType(typeof(ISnapshotProtocolMessage));

    public void Send(ICanTell to, ISnapshotProtocolMessage message, IActorRef sender)
    {
        var bytes = _serializer.Write(message);
        if (bytes.Length <= _pieceSize)
        {
            to.Tell(message, sender);
            return;
        }
        var (id, manifest, count) = (Guid.NewGuid(), _serializer.Manifest(message), (bytes.Length + _pieceSize - 1) / _pieceSize);
        for (var i = 0; i < count; i++)
            to.Tell(new MessagePiece(id, manifest, i, count, bytes[(i * _pieceSize)..Math.Min(bytes.Length, (i + 1) * _pieceSize)]), sender);
    }

    /// <summary>The sizes of what it keeps: messages whose pieces it is putting together, and their order (at most <see cref="MaxPending"/> more than those).</summary>
    public IEnumerable<TableSize> TableSizes() => [new("coordinator.message-pieces", _pending.Count), new("coordinator.message-pieces-order", _order.Count)];

    /// <summary>The message <paramref name="piece"/> completes, from <paramref name="from"/>; null while pieces are missing.</summary>
    /// <exception cref="System.Runtime.Serialization.SerializationException">The pieces make no valid message.</exception>
    public object? Add(MessagePiece piece, IActorRef from)
    {
        if (piece.Count < 1 || piece.Index < 0 || piece.Index >= piece.Count)
            return null;
        var key = (Akka.Serialization.Serialization.SerializedActorPath(from), piece.Message);
        if (!_pending.TryGetValue(key, out var pieces) || pieces.Length != piece.Count)
        {
            _pending[key] = pieces = new byte[]?[piece.Count];
            _order.Enqueue(key);
            while (_order.Count > MaxPending && _order.TryDequeue(out var oldest))
                _pending.Remove(oldest);
        }
        pieces[piece.Index] = piece.Bytes;
        if (pieces.Any(p => p is null))
            return null;
        _pending.Remove(key);
        return _serializer.FromBinary([.. pieces.SelectMany(p => p!)], piece.Manifest);
    }
}
