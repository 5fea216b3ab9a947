namespace Snapshot.Cli.Chaos;

/// <summary>What a chaos account records in a snapshot: its balance and its books with every peer, so that a snapshot alone shows whether it is a consistent cut.</summary>
public sealed record ChaosAccountState(long Opening, long Balance, IReadOnlyList<PeerCounters> Peers)
{
    public PeerCounters With(string peer) => Peers.FirstOrDefault(p => p.Peer == peer) ?? PeerCounters.None(peer);

    public override string ToString() => $"balance {Balance} (opened with {Opening}; {string.Join("; ", Peers)})";
}
