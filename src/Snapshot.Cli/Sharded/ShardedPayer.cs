using Akka.Actor;

namespace Snapshot.Cli.Sharded;

/// <summary>Orders random payments between the accounts through a region, <paramref name="perTick"/> every 5 ms, from its own seed.</summary>
public sealed class ShardedPayer : ReceiveActor, IWithTimers
{
    public ShardedPayer(IActorRef region, int accounts, int seed, int perTick)
    {
        var random = new Random(seed);
        Receive<Tick>(_ =>
        {
            for (var i = 0; i < perTick; i++)
                region.Tell(new PayOrder(ShardedAccount.Id(random.Next(accounts)), ShardedAccount.Id(random.Next(accounts)), random.Next(1, 20)));
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IActorRef region, int accounts, int seed, int perTick = 1) =>
        Akka.Actor.Props.Create(() => new ShardedPayer(region, accounts, seed, perTick));

    protected override void PreStart() => Timers.StartPeriodicTimer("pay", Tick.Instance, TimeSpan.FromMilliseconds(5));

    private sealed record Tick
    {
        public static readonly Tick Instance = new();
    }
}
