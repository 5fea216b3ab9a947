using Akka.Actor;

namespace Snapshot.Cli.Bank;

/// <summary>
/// Orders random payments between accounts as fast as the accounts handle them, keeping a window of
/// orders outstanding so mailboxes stay short. Not a participant: its orders are external inputs.
/// </summary>
public sealed class Payer : ReceiveActor
{
    private const int Window = 16;

    public Payer(IReadOnlyList<IActorRef> accounts, int seed)
    {
        var random = new Random(seed);
        void Order() => accounts[random.Next(accounts.Count)].Tell(new Pay(accounts[random.Next(accounts.Count)], random.Next(1, 100)));
        Receive<Paid>(_ => Order());
        Receive<Start>(_ =>
        {
            for (var i = 0; i < Window; i++)
                Order();
        });
    }

    public static Props Props(IReadOnlyList<IActorRef> accounts, int seed) => Akka.Actor.Props.Create(() => new Payer(accounts, seed));

    protected override void PreStart() => Self.Tell(new Start());

    private sealed record Start;
}
