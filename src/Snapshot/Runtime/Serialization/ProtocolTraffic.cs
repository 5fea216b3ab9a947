using System.Collections.Concurrent;

namespace Snapshot.Runtime.Serialization;

/// <summary>
/// The protocol messages one ActorSystem serialized to send to other nodes, and their bytes, by manifest: what the
/// snapshots of that node cost the network. Messages between actors of one ActorSystem are never serialized and
/// count nothing. Read by <c>snapshot bench scale</c> and by the specs that hold the protocol to its size.
/// </summary>
internal sealed class ProtocolTraffic
{
    private readonly ConcurrentDictionary<string, Tally> _byManifest = new();

    public void Add(string manifest, int bytes)
    {
        var tally = _byManifest.GetOrAdd(manifest, _ => new Tally());
        Interlocked.Increment(ref tally.Messages);
        Interlocked.Add(ref tally.Bytes, bytes);
    }

    /// <summary>Messages and bytes sent so far under <paramref name="manifest"/>.</summary>
    public (long Messages, long Bytes) Of(string manifest) =>
        _byManifest.TryGetValue(manifest, out var tally) ? (Interlocked.Read(ref tally.Messages), Interlocked.Read(ref tally.Bytes)) : (0, 0);

    /// <summary>Messages and bytes sent so far, all manifests together.</summary>
    public (long Messages, long Bytes) Total() =>
        _byManifest.Keys.Select(Of).Aggregate((0L, 0L), (sum, one) => (sum.Item1 + one.Messages, sum.Item2 + one.Bytes));

    /// <summary>The serializer of <paramref name="system"/>'s protocol messages counts them here.</summary>
    public static ProtocolTraffic Of(Akka.Actor.ActorSystem system) =>
        ((SnapshotProtocolSerializer)system.Serialization.FindSerializerForType(typeof(Internal.Marker))).Sent;

    private sealed class Tally
    {
        public long Messages;
        public long Bytes;
    }
}
