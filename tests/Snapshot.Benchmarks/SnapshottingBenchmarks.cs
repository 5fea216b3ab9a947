using BenchmarkDotNet.Attributes;
using Snapshot.Cli.Bench;

namespace Snapshot.Benchmarks;

/// <summary>
/// The ping-pong run while snapshots are taken: Chandy–Lamport back to back on participants, and stop-the-world
/// (pause every player, collect, resume) every <see cref="StopTheWorldIntervalMs"/> on pausable players.
/// One operation is one message.
/// </summary>
[MemoryDiagnoser]
public class SnapshottingBenchmarks
{
    private const int Pairs = 8;
    private const long MessagesPerPair = 250_000;
    private PingPongWorkload _participants = null!;
    private PingPongWorkload _pausable = null!;

    /// <summary>Time between stop-the-world snapshots; about what back-to-back snapshots reach on two cores.</summary>
    [Params(15)]
    public int StopTheWorldIntervalMs { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _participants = await PingPongWorkload.StartAsync(PlayerKind.Participant, Pairs);
        _pausable = await PingPongWorkload.StartAsync(PlayerKind.Pausable, Pairs);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _participants.DisposeAsync();
        await _pausable.DisposeAsync();
    }

    [Benchmark(OperationsPerInvoke = (int)(Pairs * MessagesPerPair))]
    public Task<Throughput> BackToBackSnapshots() => _participants.RunAsync(MessagesPerPair, _participants.SnapshotBackToBackAsync);

    [Benchmark(OperationsPerInvoke = (int)(Pairs * MessagesPerPair))]
    public Task<Throughput> StopTheWorldSnapshots() =>
        _pausable.RunAsync(MessagesPerPair, stop => _pausable.StopTheWorldEveryAsync(TimeSpan.FromMilliseconds(StopTheWorldIntervalMs), stop));
}
