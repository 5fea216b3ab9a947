using Akka.Actor;
using Akka.Cluster.Sharding;
using Snapshot.Runtime.Participants;
using Snapshot.Sharding;

namespace Snapshot.Cli.Sharded;

/// <summary>
/// A sharded bank account: a participant the usual way, paying through its region. It passivates after
/// <see cref="AccountBook.IdleAfter"/> without a message, handing its balance to the <see cref="AccountBook"/>, where it
/// finds it again when it starts, on this node or another.
/// </summary>
public sealed class ShardedAccount : SnapshotReceiveActor
{
    public const string TypeName = "account";

    private readonly AccountBook _book;
    private readonly string _id;
    private long _balance;

    public ShardedAccount(AccountBook book)
    {
        _book = book;
        _id = Uri.UnescapeDataString(Self.Path.Name);
        _balance = book.Balances.GetValueOrDefault(_id, book.OpeningBalance);
        book.Started(_id, Context.Parent.Path.Name, Context.System);
        var region = ShardedSnapshots.Get(Context.System).Region(TypeName);
        Receive<PayOrder>(order =>
        {
            if (order.Amount > _balance)
                return;
            _balance -= order.Amount;
            region.Tell(new ShardingEnvelope(order.To, new Deposit(order.To, order.Amount)));
        });
        Receive<Deposit>(deposit => _balance += deposit.Amount);
        Receive<ReceiveTimeout>(_ => Context.Parent.Tell(new Passivate(PoisonPill.Instance)));
        if (book.IdleAfter is { } idle)
            Context.SetReceiveTimeout(idle);
    }

    public static Props Props(AccountBook book) => Akka.Actor.Props.Create(() => new ShardedAccount(book));

    protected override object CaptureState() => _balance;

    protected override void PostStop()
    {
        _book.Balances[_id] = _balance;
        base.PostStop();
    }

    public static string Id(int n) => $"acc-{n}";

    /// <summary>The money a snapshot holds: every account's balance and every deposit in flight.</summary>
    public static long Money(ShardedSnapshot snapshot) =>
        snapshot.Entities.Sum(e => (long)e.State!) + snapshot.InFlight.Sum(m => ((Deposit)m.Message).Amount);

    /// <summary>Routes orders by payer; deposits come in a <see cref="ShardingEnvelope"/>, which Akka opens itself.</summary>
    public sealed class Extractor() : HashCodeMessageExtractor(maxNumberOfShards: 30)
    {
        public override string? EntityId(object message) => message is PayOrder order ? order.From : null;
    }
}
