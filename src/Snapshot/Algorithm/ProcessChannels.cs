namespace Snapshot.Algorithm;

/// <summary>
/// A process's incoming and outgoing channels, each named by the peer at its other end, checked once. Any
/// number of <see cref="SnapshotProcess{TPeer,TMessage}"/>s can share one: a driver that keeps its channels
/// from one snapshot to the next builds it once.
/// </summary>
public sealed class ProcessChannels<TPeer>
    where TPeer : notnull
{
    /// <param name="incoming">Peers that send to the process.</param>
    /// <param name="outgoing">Peers the process sends to, in the order markers are to be sent.</param>
    /// <param name="comparer">Equality of peers; the default comparer when null.</param>
    /// <exception cref="ArgumentException">A channel is named twice.</exception>
    public ProcessChannels(IEnumerable<TPeer> incoming, IEnumerable<TPeer> outgoing, IEqualityComparer<TPeer>? comparer = null)
        : this(new PeerIndex<TPeer>(incoming, comparer, nameof(incoming)), new PeerIndex<TPeer>(outgoing, comparer, nameof(outgoing)))
    {
    }

    /// <summary>Channels over peers already indexed: processes with the same peers (every member of a group in which all tell all) share the indexes.</summary>
    public ProcessChannels(PeerIndex<TPeer> incoming, PeerIndex<TPeer> outgoing)
    {
        Incoming = incoming;
        Outgoing = outgoing.Peers;
    }

    public PeerIndex<TPeer> Incoming { get; }

    public IReadOnlyList<TPeer> Outgoing { get; }
}
