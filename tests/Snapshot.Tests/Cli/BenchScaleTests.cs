using System.Text.Json;

namespace Snapshot.Tests.Cli;

/// <summary><c>snapshot bench scale</c>, run tiny: every figure is there and sane; how fast it ran is not checked.</summary>
public sealed class BenchScaleTests
{
    [Fact]
    public void A_tiny_scale_run_reports_each_graph_and_a_bank_whose_snapshots_all_complete_and_conserve_the_money()
    {
        var run = CliRun.Of("bench", "scale", "--quick", "--ring", "8", "--complete", "4", "--accounts", "6", "--json");

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}:\n{run.Output}\n{run.Error}");
        using var json = JsonDocument.Parse(run.Output);
        var local = json.RootElement.GetProperty("local").EnumerateArray().ToArray();
        Assert.Equal([("ring", "all"), ("ring", "one"), ("complete", "all"), ("complete", "one")],
            local.Select(l => (l.GetProperty("topology").GetString(), l.GetProperty("initiator").GetString())));
        Assert.All(local, l =>
        {
            // A ring of 8 has 8 channels to the successor and 8 to self; a complete group of 4 has 4 × 4.
            Assert.Equal(16, l.GetProperty("channels").GetInt32());
            Assert.Equal(3, l.GetProperty("snapshots").GetInt32());
            Assert.InRange(l.GetProperty("p50_ms").GetDouble(), 0.001, l.GetProperty("p99_ms").GetDouble());
            l.GetProperty("result_bytes").GetInt64();
            // A snapshot allocates at least its plan, its parts and its result; a pause is never negative.
            Assert.InRange(l.GetProperty("allocated_bytes_per_snapshot").GetInt64(), 1, long.MaxValue);
            Assert.InRange(l.GetProperty("gc_pause_ms_per_snapshot").GetDouble(), 0, double.MaxValue);
        });
        Assert.Equal([8, 8, 4, 4], local.Select(l => l.GetProperty("participants").GetInt32()));
        var cluster = Assert.Single(json.RootElement.GetProperty("cluster").EnumerateArray());
        Assert.Equal(6, cluster.GetProperty("accounts").GetInt32());
        Assert.Equal(3, cluster.GetProperty("nodes").GetInt32());
        // At least one snapshot from each node, however short the phase.
        Assert.InRange(cluster.GetProperty("snapshots").GetInt32(), 3, int.MaxValue);
        Assert.Equal(0, cluster.GetProperty("failed").GetInt32());
        Assert.True(cluster.GetProperty("conserved").GetBoolean());
        Assert.True(cluster.GetProperty("complete").GetBoolean());
        Assert.InRange(cluster.GetProperty("p50_ms").GetDouble(), 0.001, cluster.GetProperty("p99_ms").GetDouble());
        Assert.InRange(cluster.GetProperty("unreachable_events").GetInt32(), 0, int.MaxValue);
        var messages = cluster.GetProperty("protocol_messages").GetDouble();
        Assert.True(messages > 0, "no protocol message crossed between the nodes");
        Assert.True(cluster.GetProperty("protocol_bytes").GetDouble() > messages, "a protocol message took less than a byte");
    }
}
