using Akka.Actor;

namespace Snapshot.Cli.Chaos;

/// <summary>
/// A chaos account's books, kept outside the actor like an in-memory journal: the account's Props hold the ledger,
/// so an account restarted by its supervisor comes back with the same money. Only the account's message loop
/// touches it.
/// <para>
/// Transfers are lost only on a node's association that dropped: those in it, and those sent while its address is
/// gated. From the moment a drop is heard until a peer there confirms a sync sent after it, a node is unsettled:
/// its peers already paid, and those paid meanwhile, may have lost transfers, and stay suspected until they confirm.
/// </para>
/// </summary>
public sealed class AccountLedger(long opening)
{
    /// <summary>A node still unsettled this long after a drop is gone: stop asking its peers to confirm.</summary>
    private static readonly TimeSpan GiveUpSyncAfter = TimeSpan.FromSeconds(10);

    private readonly SortedDictionary<string, Peer> _peers = new(StringComparer.Ordinal);
    private readonly Dictionary<(string? Host, int? Port), Node> _dropped = [];

    public long Opening { get; } = opening;

    public long Deposited { get; private set; }

    public long Balance { get; private set; } = opening;

    /// <summary>Money from outside the bank, such as a payer's deposit.</summary>
    public void Deposit(long amount)
    {
        Deposited += amount;
        Balance += amount;
    }

    /// <summary>Takes <paramref name="amount"/> out for <paramref name="to"/> if the balance allows; returns the transfer to tell it.</summary>
    public ChaosTransfer? Pay(IActorRef to, long amount)
    {
        if (amount > Balance)
            return null;
        var peer = PeerOf(to.Path.Name);
        peer.Ref = to;
        peer.Sent += amount;
        Balance -= amount;
        if (DroppedNodeOf(to) is { IsUnsettled: true })
            peer.LossSuspected = true;
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

    /// <summary>An association to <paramref name="node"/> dropped: what was sent to peers there may be lost, and what is sent until it settles.</summary>
    public void SuspectLossTo(Address node, DateTime now)
    {
        var key = (node.Host, node.Port);
        var dropped = _dropped.TryGetValue(key, out var known) ? known : _dropped[key] = new Node();
        dropped.Epoch++;
        dropped.DroppedAt = now;
        foreach (var peer in _peers.Values.Where(p => p.Sent > 0 && p.Ref is { } r && (r.Path.Address.Host, r.Path.Address.Port) == key))
            peer.LossSuspected = true;
    }

    /// <summary>
    /// The peer accounted everything up to a sync sent after the drop <paramref name="epoch"/> counts: it is no longer
    /// suspected, and its node is settled. An answer to a sync sent before a later drop settles nothing.
    /// </summary>
    public void Confirm(string peerName, long epoch)
    {
        if (!_peers.TryGetValue(peerName, out var peer) || peer.Ref is null || DroppedNodeOf(peer.Ref) is not { } node || node.Epoch != epoch)
            return;
        peer.LossSuspected = false;
        node.SettledEpoch = epoch;
    }

    /// <summary>The syncs to tell suspected peers.</summary>
    public IEnumerable<(IActorRef To, ChannelSync Sync)> SyncsDue(DateTime now) =>
        from peer in _peers.Values
        where peer.LossSuspected && peer.Ref is not null
        let node = DroppedNodeOf(peer.Ref!)!
        where now - node.DroppedAt < GiveUpSyncAfter
        select (peer.Ref!, new ChannelSync(peer.Sent, node.Epoch));

    // An array: the state travels to the coordinator's node through the default JSON serializer, which cannot
    // rebuild the list types a collection expression makes.
    public ChaosAccountState Capture() =>
        new(Opening, Deposited, Balance, _peers.Select(p => new PeerCounters(p.Key, p.Value.Sent, p.Value.Received, p.Value.Lost, p.Value.LossSuspected, p.Value.Disordered)).ToArray());

    private Peer PeerOf(string name) => _peers.TryGetValue(name, out var peer) ? peer : _peers[name] = new Peer();

    private Node? DroppedNodeOf(IActorRef peer) => _dropped.GetValueOrDefault((peer.Path.Address.Host, peer.Path.Address.Port));

    private sealed class Peer
    {
        public IActorRef? Ref { get; set; }
        public long Sent { get; set; }
        public long Received { get; set; }
        public long Lost { get; set; }
        public long Accounted => Received + Lost;
        public bool LossSuspected { get; set; }
        public int Disordered { get; set; }
    }

    /// <summary>A node an association dropped to: how many drops were heard, and up to which one a peer there confirmed a sync.</summary>
    private sealed class Node
    {
        public long Epoch { get; set; }
        public long SettledEpoch { get; set; }
        public DateTime DroppedAt { get; set; }
        public bool IsUnsettled => Epoch > SettledEpoch;
    }
}
