namespace Snapshot.Cli.Chaos;

/// <summary>
/// What a chaos account recorded about one peer (another account, or itself).
/// </summary>
/// <param name="Peer">The peer's actor name, unique over a chaos run.</param>
/// <param name="Sent">Money sent to the peer, lost transfers included.</param>
/// <param name="Received">Money received from the peer.</param>
/// <param name="Lost">Money the peer sent that is known never to arrive: a later transfer or sync jumped over it.</param>
/// <param name="LossSuspected">
/// An association to the peer's node dropped and the peer has not yet confirmed what it received since: transfers
/// sent to it may be lost without anyone knowing yet.
/// </param>
/// <param name="Disordered">Transfers or syncs from the peer that arrived behind a later one: the channel was not FIFO.</param>
public sealed record PeerCounters(string Peer, long Sent, long Received, long Lost, bool LossSuspected, int Disordered)
{
    public static PeerCounters None(string peer) => new(peer, 0, 0, 0, false, 0);

    /// <summary>How far the peer's transfers are accounted for: received or known lost.</summary>
    public long Accounted => Received + Lost;

    public override string ToString() =>
        $"{Peer}: sent {Sent}, received {Received}" + (Lost > 0 ? $", lost {Lost}" : "") + (LossSuspected ? ", loss suspected" : "")
        + (Disordered > 0 ? $", {Disordered} out of order" : "");
}
