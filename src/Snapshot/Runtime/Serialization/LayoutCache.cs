using Snapshot.Runtime.Internal;

namespace Snapshot.Runtime.Serialization;

/// <summary>
/// The channel layouts a node's serializer read lately, by id. Every marker carries its snapshot's layout, and a
/// group that keeps its members keeps its layout: a node resolves its members' paths once, not once a marker.
/// (Writing is not cached: how a local actor's path is written depends on the transport the message goes out on.)
/// Bounded, since layouts of large groups are large; one serializer serves many threads.
/// </summary>
internal sealed class LayoutCache(int capacity)
{
    private readonly Dictionary<Guid, ChannelLayout> _byId = [];
    private readonly Queue<Guid> _oldestFirst = new();
    private readonly Lock _lock = new();

    /// <summary>The layout with <paramref name="id"/>, read from <paramref name="bytes"/> by <paramref name="read"/> the first time.</summary>
    public ChannelLayout LayoutOf(Guid id, byte[] bytes, Func<byte[], ChannelLayout> read)
    {
        lock (_lock)
        {
            // A layout's id names its members and channels: the same id always comes with the same bytes.
            if (_byId.TryGetValue(id, out var known))
                return known;
        }
        var layout = read(bytes);
        Remember(layout);
        return layout;
    }

    private void Remember(ChannelLayout layout)
    {
        lock (_lock)
        {
            if (!_byId.TryAdd(layout.Id, layout))
                return;
            _oldestFirst.Enqueue(layout.Id);
            if (_oldestFirst.Count > capacity)
                _byId.Remove(_oldestFirst.Dequeue());
        }
    }
}
