using System.Collections.Immutable;
using Akka.Actor;
using Snapshot.Runtime.Participants;
using Snapshot.Runtime.Tests.Bank;

namespace Snapshot.Runtime.Tests.ConsistentCut;

/// <summary>Money with an id unique in the whole test, told by the paying trader.</summary>
public sealed record Token(long Id, long Amount);

/// <summary>The ids a trader sent to, or received from, one peer, in order; the peer named by its actor name.</summary>
public sealed record PeerIds(string Peer, ImmutableList<long> Ids);

/// <summary>
/// A trader's recorded state: its balance, the ids it sent to each participant in send order, and the ids
/// it received from each participant in arrival order. Immutable, so it stays what it was when recorded.
/// Peers are named by their actor names (unique in every test), which read the same on every node, and the
/// view holds only lists, which Akka's default JSON serializer reads back (it cannot read back an immutable
/// dictionary), so that it can travel to a coordinator on another node of a cluster.
/// </summary>
public sealed record TraderView(long Balance, ImmutableList<PeerIds> SentTo, ImmutableList<PeerIds> ReceivedFrom)
{
    public static TraderView Opening(long balance) => new(balance, [], []);

    public ImmutableList<long> Sent(IActorRef to) => Sent(to.Path.Name);

    public ImmutableList<long> Sent(string to) => IdsOf(SentTo, to);

    public ImmutableList<long> Received(IActorRef from) => Received(from.Path.Name);

    public ImmutableList<long> Received(string from) => IdsOf(ReceivedFrom, from);

    public TraderView WithSent(IActorRef to, Token token) =>
        this with { Balance = Balance - token.Amount, SentTo = Add(SentTo, to.Path.Name, token.Id) };

    public TraderView WithReceived(IActorRef from, Token token) =>
        this with { Balance = Balance + token.Amount, ReceivedFrom = Add(ReceivedFrom, from.Path.Name, token.Id) };

    private static ImmutableList<long> IdsOf(ImmutableList<PeerIds> peers, string peer) =>
        peers.Find(p => p.Peer == peer)?.Ids ?? [];

    private static ImmutableList<PeerIds> Add(ImmutableList<PeerIds> peers, string peer, long id)
    {
        var index = peers.FindIndex(p => p.Peer == peer);
        return index < 0
            ? peers.Add(new PeerIds(peer, [id]))
            : peers.SetItem(index, peers[index] with { Ids = peers[index].Ids.Add(id) });
    }
}

/// <summary>A participant that pays with <see cref="Token"/>s when a <see cref="Driver"/> orders it to, and remembers every id.</summary>
public sealed class Trader : SnapshotReceiveActor
{
    public const string Group = "cut";

    private TraderView _view;
    private long _lastId;

    public Trader(int index, long balance) : base(Group)
    {
        _view = TraderView.Opening(balance);
        _lastId = (long)index << 40;
        Receive<Pay>(pay =>
        {
            if (pay.Amount <= _view.Balance)
            {
                var token = new Token(++_lastId, pay.Amount);
                _view = _view.WithSent(pay.To, token);
                pay.To.Tell(token);
            }
            Sender.Tell(new Paid());
        });
        Receive<Token>(token => _view = _view.WithReceived(Sender, token));
    }

    protected override object CaptureState() => _view;
}
