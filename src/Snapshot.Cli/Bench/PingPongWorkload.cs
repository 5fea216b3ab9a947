using System.Diagnostics;
using Akka.Actor;
using Snapshot.Runtime;

namespace Snapshot.Cli.Bench;

/// <summary>
/// N pairs of actors hitting a ball back and forth with <c>Tell</c>, like Akka.NET's PingPong benchmark, in an
/// ActorSystem of its own. Each run re-arms the same actors; the time and the bytes allocated are measured
/// from the first serve to the last ball.
/// </summary>
public sealed class PingPongWorkload : IAsyncDisposable
{
    public const string Group = "bench-pingpong";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly ActorSystem _system;
    private readonly IActorRef[] _players;

    private PingPongWorkload(ActorSystem system, IActorRef[] players, PlayerKind kind)
    {
        _system = system;
        _players = players;
        Kind = kind;
    }

    public PlayerKind Kind { get; }

    public int Pairs => _players.Length / 2;

    public IReadOnlyList<IActorRef> Players => _players;

    public GlobalSnapshots Snapshots => GlobalSnapshots.Get(_system);

    public static async Task<PingPongWorkload> StartAsync(PlayerKind kind, int pairs)
    {
        var system = ActorSystem.Create("bench", CliAkkaConfig.Quiet);
        var props = kind switch
        {
            PlayerKind.Plain => Props.Create(() => new PlainPlayer()),
            PlayerKind.Participant => Props.Create(() => new ParticipantPlayer(Group)),
            _ => Props.Create(() => new PausablePlayer()),
        };
        var players = Enumerable.Range(0, pairs * 2).Select(i => system.ActorOf(props, $"player-{i}")).ToArray();
        if (kind == PlayerKind.Participant)
            await GlobalSnapshots.Get(system).WaitForLocalParticipantsAsync(players.Length, Group);
        return new PingPongWorkload(system, players, kind);
    }

    /// <summary>
    /// Plays <paramref name="messagesPerPair"/> messages on every pair while <paramref name="alongside"/> (if any) runs;
    /// <paramref name="alongside"/> gets a token cancelled when the last ball has arrived and returns how many snapshots it took.
    /// </summary>
    public async Task<Throughput> RunAsync(long messagesPerPair, Func<CancellationToken, Task<int>>? alongside = null)
    {
        var finish = new Finish(Pairs);
        var hits = Math.Max(1, messagesPerPair / 2);
        var ready = new List<Task>();
        for (var pair = 0; pair < Pairs; pair++)
        {
            var (server, receiver) = (_players[2 * pair], _players[2 * pair + 1]);
            // The server stops first: it is the one that says the pair is done; the receiver never reaches its limit.
            ready.Add(server.Ask<Ready>(new Meet(receiver, hits, finish), Timeout));
            ready.Add(receiver.Ask<Ready>(new Meet(server, hits + 1, finish), Timeout));
        }
        await Task.WhenAll(ready);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var stop = new CancellationTokenSource();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        foreach (var server in _players.Where((_, i) => i % 2 == 0))
            server.Tell(Serve.Instance);
        var taking = alongside is null ? Task.FromResult(0) : Task.Run(() => alongside(stop.Token));
        await finish.Done.WaitAsync(Timeout);
        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        await stop.CancelAsync();
        var snapshots = await taking;
        // Each side received hits balls (the serve counts as the server's first hit).
        return new Throughput(Pairs * 2 * hits, clock.Elapsed, allocated, snapshots);
    }

    /// <summary>Chandy–Lamport snapshots of the players, one after the other, until cancelled.</summary>
    public async Task<int> SnapshotBackToBackAsync(CancellationToken stop)
    {
        var taken = 0;
        while (!stop.IsCancellationRequested)
        {
            await Snapshots.TakeAsync(Group, timeout: Timeout);
            taken++;
        }
        return taken;
    }

    /// <summary>Stop-the-world snapshots of the players, one every <paramref name="interval"/> (or back to back when one takes longer), until cancelled.</summary>
    public async Task<int> StopTheWorldEveryAsync(TimeSpan interval, CancellationToken stop)
    {
        var taken = 0;
        var clock = Stopwatch.StartNew();
        while (!stop.IsCancellationRequested)
        {
            await StopTheWorld.TakeAsync(_players, Timeout);
            taken++;
            var wait = interval * taken - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, stop);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        return taken;
    }

    public async ValueTask DisposeAsync() => await _system.Terminate();
}
