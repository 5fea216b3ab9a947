using System.Diagnostics;
using Akka.Actor;
using Snapshot.Runtime;

namespace Snapshot.Cli.Bench;

/// <summary>
/// Idle participants wired as a <see cref="Topology"/>, and plain <see cref="TokenActor"/>s wired the same way, in an
/// ActorSystem of their own: one snapshot of the participants is timed against one round of tokens on the same channels,
/// or a series of snapshots is timed and what one result holds measured (<c>bench scale</c>).
/// </summary>
public sealed class LatencyWorkload : IAsyncDisposable
{
    private const int WarmUpRounds = 40;
    private const int MaxCollections = 100;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan WarmUpTime = TimeSpan.FromSeconds(1);

    private readonly ActorSystem _system;
    private readonly IActorRef[] _participants;
    private IActorRef[]? _tokens;

    private LatencyWorkload(Topology topology, ActorSystem system, IActorRef[] participants)
    {
        Topology = topology;
        _system = system;
        _participants = participants;
    }

    public Topology Topology { get; }

    public string Group => $"bench-{Topology.Name}-{Topology.Size}";

    public static async Task<LatencyWorkload> StartAsync(Topology topology)
    {
        var system = ActorSystem.Create("bench", CliAkkaConfig.Quiet);
        var group = $"bench-{topology.Name}-{topology.Size}";
        var n = topology.Size;
        var participants = new IActorRef[n];
        if (topology.IsComplete)
        {
            for (var i = 0; i < n; i++)
            {
                var index = i;
                participants[i] = system.ActorOf(Props.Create(() => new GraphParticipant(group, index, null)), $"participant-{i}");
            }
        }
        else
        {
            // Each participant declares its successor as it is created, last to first; the last one's successor, the
            // first, does not exist yet when it is created, so it declares it once the first is there.
            for (var i = n - 1; i >= 0; i--)
            {
                var (index, successor) = (i, i == n - 1 ? Array.Empty<IActorRef>() : [participants[i + 1]]);
                participants[i] = system.ActorOf(Props.Create(() => new GraphParticipant(group, index, successor)), $"participant-{i}");
            }
            await participants[n - 1].Ask<Ready>(new Declare([participants[0]]), Timeout);
        }
        await GlobalSnapshots.Get(system).WaitForLocalParticipantsAsync(n, group);
        return new LatencyWorkload(topology, system, participants);
    }

    /// <summary>The token actors, started when the marker bound is first asked for: a scale run of 100,000 participants never needs them.</summary>
    private IActorRef[] Tokens => _tokens ??=
        [.. Enumerable.Range(0, Topology.Size).Select(i => _system.ActorOf(Props.Create(() => new TokenActor()), $"token-{i}"))];

    /// <summary>One snapshot: with no initiator (every participant starts at once), or initiated by the first participant.</summary>
    public async Task<(TimeSpan Elapsed, GlobalSnapshot Snapshot)> SnapshotAsync(bool singleInitiator)
    {
        var clock = Stopwatch.StartNew();
        var snapshot = await GlobalSnapshots.Get(_system).TakeAsync(Group, singleInitiator ? _participants[0] : null, Timeout);
        return (clock.Elapsed, snapshot);
    }

    /// <summary>
    /// The marker lower bound: one token on every channel of the topology, all actors starting at once or flooding
    /// from the first; done when every actor has had a token on each incoming channel.
    /// </summary>
    public async Task<TimeSpan> MarkerBoundAsync(bool singleInitiator)
    {
        var tokens = Tokens;
        var finish = new Finish(tokens.Length);
        var wired = tokens.Select((token, i) =>
            token.Ask<Ready>(new Wire(Topology.OutgoingOf(i).Select(j => tokens[j]).ToArray(), Topology.IncomingCount, finish), Timeout));
        await Task.WhenAll(wired);
        var clock = Stopwatch.StartNew();
        if (singleInitiator)
            tokens[0].Tell(Go.Instance);
        else
        {
            foreach (var token in tokens)
                token.Tell(Go.Instance);
        }
        await finish.Done.WaitAsync(Timeout);
        return clock.Elapsed;
    }

    /// <summary>Measures both, <paramref name="repetitions"/> times each after a warm-up, and keeps the medians.</summary>
    public async Task<Latency> MeasureAsync(bool singleInitiator, int repetitions)
    {
        // The JIT compiles a method fully only after some 30 calls: until then the snapshot's code, much larger
        // than the tokens', runs slower. Warm up that many times, or for a second on large graphs.
        var warmUp = Stopwatch.StartNew();
        for (var i = 0; i < WarmUpRounds && (i == 0 || warmUp.Elapsed < WarmUpTime); i++)
        {
            await SnapshotAsync(singleInitiator);
            await MarkerBoundAsync(singleInitiator);
        }
        var snapshots = new List<double>();
        var bounds = new List<double>();
        for (var r = 0; r < repetitions; r++)
        {
            snapshots.Add((await SnapshotAsync(singleInitiator)).Elapsed.TotalMilliseconds);
            bounds.Add((await MarkerBoundAsync(singleInitiator)).TotalMilliseconds);
        }
        var (heap, _) = await HeldAsync(singleInitiator);
        return new Latency(Topology, singleInitiator ? "one" : "all", Median(snapshots), Median(bounds), heap);
    }

    /// <summary>
    /// One snapshot to warm up, then <paramref name="count"/> more one after the other, each timed from TakeAsync to
    /// its result (ms), with what they allocated and how long the GC paused the process meanwhile, per snapshot. One
    /// warm-up is enough at scale: a snapshot of thousands of participants runs their code thousands of times, past
    /// the calls after which the JIT recompiles it optimised.
    /// </summary>
    public async Task<IdleSeries> TimeSnapshotsAsync(bool singleInitiator, int count)
    {
        await SnapshotAsync(singleInitiator);
        var durations = new List<double>();
        var (allocated, paused) = (GC.GetTotalAllocatedBytes(precise: true), GC.GetTotalPauseDuration());
        for (var i = 0; i < count; i++)
            durations.Add((await SnapshotAsync(singleInitiator)).Elapsed.TotalMilliseconds);
        return new IdleSeries(durations, (GC.GetTotalAllocatedBytes(precise: true) - allocated) / count,
            (GC.GetTotalPauseDuration() - paused).TotalMilliseconds / count);
    }

    /// <summary>
    /// The managed heap one finished snapshot's result holds (the fully collected heap with the result referenced,
    /// minus the same once it has been collected), and the channels it covers.
    /// </summary>
    public async Task<(long Bytes, long Channels)> HeldAsync(bool singleInitiator)
    {
        var (withResult, channels, result) = await HeapWithResultAsync(singleInitiator);
        // The frame that awaited the result may still be unwinding on another thread, and still reference it:
        // the heap without it is read only once it is gone.
        for (var attempt = 0; result.IsAlive; attempt++)
        {
            if (attempt == MaxCollections)
                throw new InvalidOperationException($"a snapshot's result was still referenced after {MaxCollections} collections: its heap cannot be measured");
            await Task.Yield();
            GC.Collect();
        }
        return (withResult - GC.GetTotalMemory(forceFullCollection: true), channels);
    }

    /// <summary>The fully collected heap while a new snapshot's result is referenced, and the channels it covers; the result is only weakly referenced on return.</summary>
    private async Task<(long Heap, long Channels, WeakReference Result)> HeapWithResultAsync(bool singleInitiator)
    {
        var (_, held) = await SnapshotAsync(singleInitiator);
        return (GC.GetTotalMemory(forceFullCollection: true), held.ChannelCount, new WeakReference(held));
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    public async ValueTask DisposeAsync() => await _system.Terminate();
}
