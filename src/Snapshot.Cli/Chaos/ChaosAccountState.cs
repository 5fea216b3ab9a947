namespace Snapshot.Cli.Chaos;

/// <summary>
/// What a chaos account records in a snapshot: its balance, the money it got from outside the bank, and its books
/// with every peer, so that a snapshot alone shows whether it is a consistent cut.
/// </summary>
public sealed record ChaosAccountState(long Opening, long Deposited, long Balance, IReadOnlyList<PeerCounters> Peers)
{
    public PeerCounters With(string peer) => Peers.FirstOrDefault(p => p.Peer == peer) ?? PeerCounters.None(peer);

    public override string ToString() => $"balance {Balance} (opened with {Opening}, deposited {Deposited}; {string.Join("; ", Peers)})";
}
