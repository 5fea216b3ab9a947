using System.Text.Json;

namespace Snapshot.Tests.Cli;

public sealed class ChaosTests
{
    /// <summary>
    /// Seed 33 crashes a node first, then restarts and stops accounts and, once the node is replaced, drops
    /// associations; how many faults come before the end depends on how fast the cluster replaces the crashed node.
    /// </summary>
    [Fact]
    public void Twenty_seconds_of_chaos_hang_no_snapshot_and_every_completed_one_is_a_consistent_cut()
    {
        var run = CliRun.Of("chaos", "--duration", "20s", "--seed", "33", "--json");

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}:\n{run.Output}\n{run.Error}");
        using var json = JsonDocument.Parse(run.Output);
        var report = json.RootElement;
        int Count(string name) => report.GetProperty(name).GetInt32();
        Assert.Equal(0, Count("hung"));
        Assert.Equal(0, Count("inconsistent"));
        Assert.True(Count("completed") >= 10, run.Output);
        Assert.Equal(Count("taken"), Count("completed") + Count("failed") + Count("hung") + Count("inconsistent"));
        Assert.Equal(Count("failed"), report.GetProperty("reasons").EnumerateObject().Sum(r => r.Value.GetInt32()));
        Assert.Equal(33, Count("seed"));
        Assert.Equal(20, report.GetProperty("duration_s").GetDouble());
        var faults = report.GetProperty("faults");
        Assert.True(faults.GetProperty("node_crashes").GetInt32() >= 1, run.Output);
        Assert.True(faults.EnumerateObject().Sum(f => f.Value.GetInt32()) >= 4, run.Output);
        Assert.Empty(report.GetProperty("problems").EnumerateArray());
    }

    [Theory]
    [InlineData("--duration", "0", "'0' is not a duration")]
    [InlineData("--duration", "abc", "'abc' is not a duration")]
    [InlineData("--duration", "0s", "must be longer than 0")]
    [InlineData("--duration", "2s", "'2s' is not from 5s to 1h")]
    [InlineData("--seed", "-1", "'-1' is not a whole number")]
    [InlineData("--seed", "seven", "'seven' is not a whole number")]
    [InlineData("--config", "hocon/node1.conf", "applies to --processes only")]
    public void A_bad_option_is_one_error_line_naming_it(string option, string value, string problem)
    {
        var run = CliRun.Of("chaos", option, value, "--json");

        Assert.Contains(problem, run.AssertBadInput(option, null));
        Assert.Equal("", run.Output);
    }
}
