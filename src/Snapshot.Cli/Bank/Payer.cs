using Akka.Actor;

namespace Snapshot.Cli.Bank;

/// <summary>
/// Orders random payments between accounts as fast as the accounts handle them, keeping a window of
/// orders outstanding so mailboxes stay short. Not a participant: its orders are external inputs.
/// The accounts it pays can be replaced (<see cref="UseAccounts"/>) as nodes join a cluster.
/// </summary>
public sealed class Payer : ReceiveActor
{
    private const int Window = 16;

    private readonly Random _random;
    private IReadOnlyList<IActorRef> _accounts;
    private int _outstanding;

    public Payer(IReadOnlyList<IActorRef> accounts, int seed)
    {
        _random = new Random(seed);
        _accounts = accounts;
        Receive<Paid>(_ =>
        {
            _outstanding--;
            FillWindow();
        });
        Receive<UseAccounts>(use =>
        {
            _accounts = use.Accounts;
            FillWindow();
        });
    }

    public static Props Props(IReadOnlyList<IActorRef> accounts, int seed) => Akka.Actor.Props.Create(() => new Payer(accounts, seed));

    protected override void PreStart() => FillWindow();

    private void FillWindow()
    {
        for (; _outstanding < Window && _accounts.Count > 0; _outstanding++)
            _accounts[_random.Next(_accounts.Count)].Tell(new Pay(_accounts[_random.Next(_accounts.Count)], _random.Next(1, 100)));
    }
}

/// <summary>Tells a <see cref="Payer"/> which accounts to pay from now on.</summary>
public sealed record UseAccounts(IReadOnlyList<IActorRef> Accounts);
