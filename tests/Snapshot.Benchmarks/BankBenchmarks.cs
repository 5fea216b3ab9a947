using BenchmarkDotNet.Attributes;
using Snapshot.Cli.Bench;

namespace Snapshot.Benchmarks;

/// <summary>
/// The bank transfer workload in one ActorSystem: plain ReceiveActor accounts, participant accounts with no snapshot
/// in flight (idle), and participant accounts while snapshots are taken back to back. One operation is one transfer.
/// </summary>
[MemoryDiagnoser]
public class BankBenchmarks
{
    private const int Accounts = 32;

    /// <summary>A whole number of transfers (8000) for each of the 32 × 4 chains, so that a run makes exactly this many.</summary>
    private const long Transfers = 1_024_000;

    private BankWorkload _bank = null!;

    [Params("plain", "idle", "snapshotting")]
    public string Run { get; set; } = "";

    [GlobalSetup]
    public async Task SetupAsync() =>
        _bank = await BankWorkload.StartAsync(Run == "plain" ? AccountKind.Plain : AccountKind.Participant, Accounts);

    [GlobalCleanup]
    public async Task CleanupAsync() => await _bank.DisposeAsync();

    [Benchmark(OperationsPerInvoke = (int)Transfers)]
    public Task<TransferRun> Transfer() => _bank.RunAsync(Transfers, snapshotting: Run == "snapshotting");
}
