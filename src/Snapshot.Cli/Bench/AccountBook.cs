using Akka.Actor;

namespace Snapshot.Cli.Bench;

/// <summary>
/// One account's side of the transfer workload: the state and logic every account kind shares, so that plain and
/// participant accounts run exactly the same handler. Each payment received is paid on, whole, to the next account
/// in this account's turn, until its chain has made its transfers or the account is halted.
/// </summary>
public sealed class AccountBook
{
    public const long OpeningBalance = 1_000;

    /// <summary>What each chain carries; an account starts at most <see cref="OpeningBalance"/> / this many chains.</summary>
    public const long ChainAmount = 10;

    private IReadOnlyList<IActorRef> _accounts = [];
    private Random _random = new(0);
    private int _chains;
    private long _hopsPerChain;
    private bool _halted;
    private PaymentTally? _tally;

    /// <summary>The money this account holds: the state a snapshot records.</summary>
    public long Balance { get; private set; } = OpeningBalance;

    /// <summary>Re-arms the account; the balance starts over, which is safe because no snapshot runs between runs.</summary>
    public void Open(OpenAccount open)
    {
        _accounts = open.Accounts;
        // Each payment goes to an account drawn at random, on any node; seeded by the account's index, so that each
        // run draws the same accounts in the same order.
        _random = new Random(open.Index);
        _chains = open.Chains;
        _hopsPerChain = open.HopsPerChain;
        _halted = false;
        _tally = open.Tally;
        Balance = OpeningBalance;
    }

    /// <summary>Starts this account's chains: one payment each.</summary>
    public void Serve()
    {
        for (var chain = 0; chain < _chains; chain++)
            Pay(ChainAmount, 1);
    }

    public void Receive(Payment payment)
    {
        Balance += payment.Amount;
        if (payment.Hops < _hopsPerChain && !_halted)
            Pay(payment.Amount, payment.Hops + 1);
        else
            _tally!.ChainEnded(payment.Hops);
    }

    public void Halt() => _halted = true;

    private void Pay(long amount, long hops)
    {
        Balance -= amount;
        _accounts[_random.Next(_accounts.Count)].Tell(new Payment(amount, hops));
    }
}
