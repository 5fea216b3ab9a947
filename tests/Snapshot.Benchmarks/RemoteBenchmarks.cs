using BenchmarkDotNet.Attributes;
using Snapshot.Cli.Bench;

namespace Snapshot.Benchmarks;

/// <summary>
/// The bank transfer workload on 3 ActorSystems on loopback, participant accounts spread over them, most transfers
/// crossing remoting: with no snapshot in flight, and while snapshots are taken back to back from each node in turn.
/// One operation is one transfer. An operation takes seconds, so fewer iterations than the default.
/// </summary>
[MemoryDiagnoser]
[WarmupCount(2)]
[IterationCount(10)]
public class RemoteBenchmarks
{
    private const int Nodes = 3;
    private const int AccountsPerNode = 8;

    /// <summary>A whole number of transfers (100) for each of the 24 × 16 chains.</summary>
    private const long Transfers = 38_400;

    private BankWorkload _bank = null!;

    [Params(false, true)]
    public bool Snapshotting { get; set; }

    [GlobalSetup]
    public async Task SetupAsync() => _bank = await BankWorkload.StartRemoteAsync(Nodes, Nodes * AccountsPerNode, CancellationToken.None);

    [GlobalCleanup]
    public async Task CleanupAsync() => await _bank.DisposeAsync();

    [Benchmark(OperationsPerInvoke = (int)Transfers)]
    public Task<TransferRun> Transfer() => _bank.RunAsync(Transfers, Snapshotting);
}
