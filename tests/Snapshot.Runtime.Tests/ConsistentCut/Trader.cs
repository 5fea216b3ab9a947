using System.Collections.Immutable;
using Akka.Actor;
using Snapshot.Runtime.Participants;
using Snapshot.Runtime.Tests.Bank;

namespace Snapshot.Runtime.Tests.ConsistentCut;

/// <summary>Money with an id unique in the whole test, told by the paying trader.</summary>
public sealed record Token(long Id, long Amount);

/// <summary>
/// A trader's recorded state: its balance, the ids it sent to each participant in send order, and the ids
/// it received from each participant in arrival order. Immutable, so it stays what it was when recorded.
/// </summary>
public sealed record TraderView(
    long Balance,
    ImmutableDictionary<IActorRef, ImmutableList<long>> SentTo,
    ImmutableDictionary<IActorRef, ImmutableList<long>> ReceivedFrom)
{
    public ImmutableList<long> Sent(IActorRef to) => SentTo.GetValueOrDefault(to, []);

    public ImmutableList<long> Received(IActorRef from) => ReceivedFrom.GetValueOrDefault(from, []);
}

/// <summary>A participant that pays with <see cref="Token"/>s when a <see cref="Driver"/> orders it to, and remembers every id.</summary>
public sealed class Trader : SnapshotReceiveActor
{
    public const string Group = "cut";

    private TraderView _view;
    private long _lastId;

    public Trader(int index, long balance) : base(Group)
    {
        _view = new TraderView(balance, ImmutableDictionary<IActorRef, ImmutableList<long>>.Empty, ImmutableDictionary<IActorRef, ImmutableList<long>>.Empty);
        _lastId = (long)index << 40;
        Receive<Pay>(pay =>
        {
            if (pay.Amount <= _view.Balance)
            {
                var token = new Token(++_lastId, pay.Amount);
                _view = _view with
                {
                    Balance = _view.Balance - pay.Amount,
                    SentTo = _view.SentTo.SetItem(pay.To, _view.Sent(pay.To).Add(token.Id)),
                };
                pay.To.Tell(token);
            }
            Sender.Tell(new Paid());
        });
        Receive<Token>(token => _view = _view with
        {
            Balance = _view.Balance + token.Amount,
            ReceivedFrom = _view.ReceivedFrom.SetItem(Sender, _view.Received(Sender).Add(token.Id)),
        });
    }

    protected override object CaptureState() => _view;
}
