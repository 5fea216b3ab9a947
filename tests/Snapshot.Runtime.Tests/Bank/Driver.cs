using Akka.Actor;

namespace Snapshot.Runtime.Tests.Bank;

/// <summary>
/// Orders random payments between accounts as fast as the accounts handle them, keeping a window of
/// orders outstanding so that mailboxes stay short. Not a participant: its orders are external inputs.
/// </summary>
public sealed class Driver : ReceiveActor
{
    private const int Window = 20;

    public Driver(IActorRef[] accounts, int seed)
    {
        var random = new Random(seed);
        void Order() => accounts[random.Next(accounts.Length)].Tell(new Pay(accounts[random.Next(accounts.Length)], random.Next(1, 50)));
        Receive<Paid>(_ => Order());
        Receive<Start>(_ =>
        {
            for (var i = 0; i < Window; i++)
                Order();
        });
    }

    protected override void PreStart() => Self.Tell(new Start());

    private sealed record Start;
}
