using BenchmarkDotNet.Attributes;
using Snapshot.Cli.Bench;

namespace Snapshot.Benchmarks;

/// <summary>
/// Idle overhead: the ping-pong run with plain ReceiveActors and with snapshot participants, no snapshot in flight.
/// One operation is one message, so the time and the allocation are per message.
/// </summary>
[MemoryDiagnoser]
public class PingPongBenchmarks
{
    private const int Pairs = 8;
    private const long MessagesPerPair = 250_000;
    private PingPongWorkload _workload = null!;

    [Params(PlayerKind.Plain, PlayerKind.Participant)]
    public PlayerKind Kind { get; set; }

    [GlobalSetup]
    public async Task SetupAsync() => _workload = await PingPongWorkload.StartAsync(Kind, Pairs);

    [GlobalCleanup]
    public async Task CleanupAsync() => await _workload.DisposeAsync();

    [Benchmark(OperationsPerInvoke = (int)(Pairs * MessagesPerPair))]
    public Task<Throughput> PingPong() => _workload.RunAsync(MessagesPerPair);
}
