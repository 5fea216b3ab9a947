namespace Snapshot.Algorithm;

/// <summary>
/// Distinct peers in a fixed order, each found by its position. Built once and shared: the snapshots of a
/// stable group look peers up by it instead of hashing them again for every snapshot.
/// </summary>
public sealed class PeerIndex<TPeer>
    where TPeer : notnull
{
    // Up to this many peers a scan with the comparer is cheaper than hashing.
    private const int ScanLimit = 8;

    private readonly TPeer[] _peers;
    private readonly Dictionary<TPeer, int>? _positions;

    /// <exception cref="ArgumentException">A peer is listed twice.</exception>
    public PeerIndex(IEnumerable<TPeer> peers, IEqualityComparer<TPeer>? comparer = null, string parameter = "peers")
    {
        Comparer = comparer ?? EqualityComparer<TPeer>.Default;
        _peers = [.. peers];
        if (_peers.Length > ScanLimit)
        {
            _positions = new Dictionary<TPeer, int>(_peers.Length, Comparer);
            for (var i = 0; i < _peers.Length; i++)
            {
                if (!_positions.TryAdd(_peers[i], i))
                    throw Twice(parameter, _peers[i]);
            }
            return;
        }
        for (var i = 1; i < _peers.Length; i++)
        {
            if (IndexOf(_peers[i], i) >= 0)
                throw Twice(parameter, _peers[i]);
        }
    }

    public IEqualityComparer<TPeer> Comparer { get; }

    public IReadOnlyList<TPeer> Peers => _peers;

    public int Count => _peers.Length;

    public TPeer this[int index] => _peers[index];

    /// <summary>The position of <paramref name="peer"/>, or -1.</summary>
    public int IndexOf(TPeer peer) => _positions is null ? IndexOf(peer, _peers.Length) : _positions.GetValueOrDefault(peer, -1);

    public bool Contains(TPeer peer) => IndexOf(peer) >= 0;

    private int IndexOf(TPeer peer, int before)
    {
        for (var i = 0; i < before; i++)
        {
            if (Comparer.Equals(_peers[i], peer))
                return i;
        }
        return -1;
    }

    private static ArgumentException Twice(string parameter, TPeer peer) => new($"{parameter} names {peer} twice", parameter);
}
