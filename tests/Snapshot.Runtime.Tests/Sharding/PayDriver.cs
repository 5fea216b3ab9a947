using Akka.Actor;

namespace Snapshot.Runtime.Tests.Sharding;

/// <summary>Orders a random payment between the accounts through a region every 5 ms, from its own seed.</summary>
public sealed class PayDriver : ReceiveActor, IWithTimers
{
    public PayDriver(IActorRef region, int accounts, int seed)
    {
        var random = new Random(seed);
        Receive<Tick>(_ => region.Tell(new PayOrder(AccountId(random.Next(accounts)), AccountId(random.Next(accounts)), random.Next(1, 20))));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static string AccountId(int n) => $"acc-{n}";

    protected override void PreStart() => Timers.StartPeriodicTimer("pay", Tick.Instance, TimeSpan.FromMilliseconds(5));

    private sealed record Tick
    {
        public static readonly Tick Instance = new();
    }
}
