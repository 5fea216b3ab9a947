using Akka.Actor;

namespace Snapshot.Cli.Chaos;

/// <summary>
/// A chaos account's books, kept outside the actor like an in-memory journal: the account's Props hold the ledger,
/// so an account restarted by its supervisor comes back with the same money. Only the account's message loop
/// touches it.
/// </summary>
public sealed class AccountLedger(long opening)
{
    /// <summary>A peer on a node that stays silent this long after a drop is on a node that is gone: stop asking it to confirm.</summary>
    private static readonly TimeSpan GiveUpSyncAfter = TimeSpan.FromSeconds(10);

    private readonly SortedDictionary<string, Peer> _peers = new(StringComparer.Ordinal);

    public long Opening { get; } = opening;

    public long Balance { get; private set; } = opening;

    /// <summary>Takes <paramref name="amount"/> out for <paramref name="to"/> if the balance allows; returns the transfer to tell it.</summary>
    public ChaosTransfer? Pay(IActorRef to, long amount)
    {
        if (amount > Balance)
            return null;
        var peer = PeerOf(to.Path.Name);
        peer.Ref = to;
        peer.Sent += amount;
        Balance -= amount;
        return new ChaosTransfer(amount, peer.Sent);
    }

    public void Receive(string from, ChaosTransfer transfer)
    {
        var peer = PeerOf(from);
        var start = transfer.SentThrough - transfer.Amount;
        if (start >= peer.Accounted)
            peer.Lost += start - peer.Accounted;
        else
        {
            // Behind a later transfer: it was counted lost when that one arrived.
            peer.Lost -= transfer.Amount;
            peer.Disordered++;
        }
        peer.Received += transfer.Amount;
        Balance += transfer.Amount;
    }

    public void Sync(string from, ChannelSync sync)
    {
        var peer = PeerOf(from);
        if (sync.SentThrough >= peer.Accounted)
            peer.Lost += sync.SentThrough - peer.Accounted;
        else
            peer.Disordered++;
    }

    /// <summary>An association to <paramref name="node"/> dropped: what was sent to peers there may be lost.</summary>
    public void SuspectLossTo(Address node, DateTime now)
    {
        foreach (var peer in _peers.Values.Where(p => p.Ref is { } r && r.Path.Address.Host == node.Host && r.Path.Address.Port == node.Port))
        {
            peer.Epoch++;
            peer.LossSuspected = true;
            peer.SuspectedAt = now;
        }
    }

    /// <summary>The peer accounted everything up to a sync sent after the drop <paramref name="epoch"/> names; a later drop keeps the suspicion.</summary>
    public void Confirm(string peerName, long epoch)
    {
        if (_peers.TryGetValue(peerName, out var peer) && peer.Epoch == epoch)
            peer.LossSuspected = false;
    }

    /// <summary>The syncs to tell peers whose transfers may have been lost.</summary>
    public IEnumerable<(IActorRef To, ChannelSync Sync)> SyncsDue(DateTime now) =>
        _peers.Values
            .Where(p => p.LossSuspected && p.Ref is not null && now - p.SuspectedAt < GiveUpSyncAfter)
            .Select(p => (p.Ref!, new ChannelSync(p.Sent, p.Epoch)));

    // An array: the state travels to the coordinator's node through the default JSON serializer, which cannot
    // rebuild the list types a collection expression makes.
    public ChaosAccountState Capture() =>
        new(Opening, Balance, _peers.Select(p => new PeerCounters(p.Key, p.Value.Sent, p.Value.Received, p.Value.Lost, p.Value.LossSuspected, p.Value.Disordered)).ToArray());

    private Peer PeerOf(string name) => _peers.TryGetValue(name, out var peer) ? peer : _peers[name] = new Peer();

    private sealed class Peer
    {
        public IActorRef? Ref { get; set; }
        public long Sent { get; set; }
        public long Received { get; set; }
        public long Lost { get; set; }
        public long Accounted => Received + Lost;
        public long Epoch { get; set; }
        public bool LossSuspected { get; set; }
        public DateTime SuspectedAt { get; set; }
        public int Disordered { get; set; }
    }
}
