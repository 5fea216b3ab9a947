using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Snapshot.Runtime.Participants;
using Snapshot.Sharding;

namespace Snapshot.Runtime.Tests.Sharding;

/// <summary>Asks account <paramref name="From"/> to pay <paramref name="Amount"/> to account <paramref name="To"/>: an input from outside.</summary>
public sealed record PayOrder(string From, string To, long Amount);

/// <summary>Money from one account to another, told through the region: a channel of the snapshot.</summary>
public sealed record Deposit(string To, long Amount);

/// <summary>
/// A sharded bank account: a participant the usual way, paying through its region. It passivates after
/// <see cref="Book.IdleAfter"/> without a message, handing its balance to the <see cref="Book"/>, where it finds it again
/// when it starts (on this node or another): the stand-in for the database an entity loads from.
/// </summary>
public sealed class ShardedAccount : SnapshotReceiveActor
{
    public const string TypeName = "account";

    private readonly Book _book;
    private readonly string _id;
    private long _balance;

    public ShardedAccount(Book book)
    {
        _book = book;
        _id = Uri.UnescapeDataString(Self.Path.Name);
        _balance = book.Balances.GetValueOrDefault(_id, book.OpeningBalance);
        book.Started(_id, Context.System);
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

    protected override object CaptureState() => _balance;

    protected override void PostStop()
    {
        _book.Balances[_id] = _balance;
        base.PostStop();
    }

    /// <summary>The money a snapshot holds: every account's balance and every deposit in flight.</summary>
    public static long Money(ShardedSnapshot snapshot) =>
        snapshot.Entities.Sum(e => (long)e.State!) + snapshot.InFlight.Sum(m => ((Deposit)m.Message).Amount);

    /// <summary>Routes orders by payer; deposits come in a <see cref="ShardingEnvelope"/>, which Akka opens itself.</summary>
    public sealed class Extractor() : HashCodeMessageExtractor(maxNumberOfShards: 12)
    {
        public override string? EntityId(object message) => message is PayOrder order ? order.From : null;
    }

    /// <summary>Where accounts keep their balance while they hold no actor; shared by every node of the test's process.</summary>
    public sealed class Book(long openingBalance, TimeSpan? idleAfter)
    {
        private readonly ConcurrentDictionary<ActorSystem, int> _startsOn = new();
        private readonly ConcurrentDictionary<string, bool> _accounts = new();
        private int _starts;

        public long OpeningBalance { get; } = openingBalance;

        public TimeSpan? IdleAfter { get; } = idleAfter;

        public ConcurrentDictionary<string, long> Balances { get; } = new();

        /// <summary>How many times an account started (first starts and restarts after passivation).</summary>
        public int Starts => _starts;

        /// <summary>How many times an account started on <paramref name="node"/>.</summary>
        public int StartsOn(ActorSystem node) => _startsOn.GetValueOrDefault(node);

        /// <summary>How many accounts have started at least once.</summary>
        public int Accounts => _accounts.Count;

        public void Started(string id, ActorSystem node)
        {
            _accounts[id] = true;
            Interlocked.Increment(ref _starts);
            _startsOn.AddOrUpdate(node, 1, (_, n) => n + 1);
        }
    }
}
