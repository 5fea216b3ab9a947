using Akka.Actor;
using Snapshot.Cli.Bank;

namespace Snapshot.Cli.Chaos;

/// <summary>
/// Orders random payments between the chaos accounts at a steady pace, and deposits a little money into one of them
/// each time: faults lose money for real (a dropped association loses a second of transfers between two nodes), and
/// a bank drained to nothing would move no money for snapshots to catch in flight. Paced by a timer rather than by
/// answers, because under faults orders and answers get lost. Not a participant: its orders are external inputs.
/// </summary>
public sealed class ChaosPayer : ReceiveActor, IWithTimers
{
    private const int OrdersPerTick = 4;
    private const int LargestPayment = 20;
    private const int DepositPerTick = 3;
    private static readonly TimeSpan TickEvery = TimeSpan.FromMilliseconds(20);

    private readonly Random _random;
    private IReadOnlyList<IActorRef> _accounts;

    public ChaosPayer(IReadOnlyList<IActorRef> accounts, int seed)
    {
        _random = new Random(seed);
        _accounts = accounts;
        Receive<UseAccounts>(use => _accounts = use.Accounts);
        Receive<Tick>(_ =>
        {
            if (_accounts.Count == 0)
                return;
            for (var i = 0; i < OrdersPerTick; i++)
                _accounts[_random.Next(_accounts.Count)].Tell(new Pay(_accounts[_random.Next(_accounts.Count)], _random.Next(1, LargestPayment + 1)));
            _accounts[_random.Next(_accounts.Count)].Tell(new Deposit(DepositPerTick));
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IReadOnlyList<IActorRef> accounts, int seed) => Akka.Actor.Props.Create(() => new ChaosPayer(accounts, seed));

    protected override void PreStart() => Timers.StartPeriodicTimer(nameof(Tick), Tick.Instance, TickEvery);

    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }
}
