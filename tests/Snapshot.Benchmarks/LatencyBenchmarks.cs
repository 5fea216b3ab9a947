using BenchmarkDotNet.Attributes;
using Snapshot.Cli.Bench;

namespace Snapshot.Benchmarks;

/// <summary>One snapshot of an idle graph against its marker lower bound (one plain message on every channel).</summary>
[MemoryDiagnoser]
public class LatencyBenchmarks
{
    private LatencyWorkload _graph = null!;

    [Params("complete 10", "complete 100", "complete 500", "ring 1000", "ring 10000")]
    public string Graph { get; set; } = "";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var parts = Graph.Split(' ');
        var size = int.Parse(parts[1]);
        _graph = await LatencyWorkload.StartAsync(parts[0] == "ring" ? Topology.Ring(size) : Topology.Complete(size));
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _graph.DisposeAsync();

    [Benchmark]
    public Task SnapshotAllInitiate() => _graph.SnapshotAsync(singleInitiator: false);

    [Benchmark]
    public Task SnapshotOneInitiator() => _graph.SnapshotAsync(singleInitiator: true);

    [Benchmark]
    public Task MarkerBoundAll() => _graph.MarkerBoundAsync(singleInitiator: false);

    [Benchmark]
    public Task MarkerBoundOne() => _graph.MarkerBoundAsync(singleInitiator: true);
}
