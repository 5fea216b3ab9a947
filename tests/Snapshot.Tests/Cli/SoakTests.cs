using System.Text.Json;

namespace Snapshot.Tests.Cli;

/// <summary>
/// <c>snapshot soak</c>, run for seconds: a period per <c>--every</c>, the extension's tables read from every node, each back
/// at its idle size at the end, and an exit code that follows the verdict. The heap's figures are checked for what the
/// verdict makes of them, never for how much memory the run took.
/// </summary>
public sealed class SoakTests
{
    [Fact]
    public void A_short_soak_reports_a_period_per_every_and_every_table_back_at_its_idle_size()
    {
        var run = CliRun.Of("soak", "--duration", "4s", "--every", "2s", "--json");

        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        var periods = root.GetProperty("periods").EnumerateArray().ToArray();
        Assert.Equal([1, 2], periods.Select(p => p.GetProperty("period").GetInt32()));
        Assert.InRange(periods[0].GetProperty("elapsed_s").GetDouble(), 2, 4);
        Assert.InRange(periods[1].GetProperty("elapsed_s").GetDouble(), 4, 6);
        Assert.All(periods, p => Assert.InRange(p.GetProperty("heap_bytes").GetInt64(), 1, long.MaxValue));
        Assert.InRange(root.GetProperty("snapshots").GetInt64(), 1, long.MaxValue);
        Assert.Equal(0, root.GetProperty("inconsistent").GetInt64());
        Assert.InRange(root.GetProperty("transfers").GetInt64(), 1, long.MaxValue);

        var idle = Tables(root.GetProperty("idle"));
        // 30 accounts, 10 registered with each node's coordinator; each holds the finished snapshots of every coordinator.
        Assert.Equal(30, idle["group.members"]);
        Assert.Equal(90, idle["participant.settled-coordinators"]);
        Assert.Equal(0, idle["coordinator.running"]);
        Assert.All(periods, p => Assert.Equal(30, Tables(p.GetProperty("tables"))["group.members"]));
        Assert.Equal(idle, Tables(root.GetProperty("end")));
        Assert.Empty(root.GetProperty("not_back_to_idle").EnumerateObject());

        // Two periods: each third is one period.
        var (start, end) = (root.GetProperty("heap_start_bytes").GetInt64(), root.GetProperty("heap_end_bytes").GetInt64());
        Assert.Equal([start, end], periods.Select(p => p.GetProperty("heap_bytes").GetInt64()));
        Assert.Equal((double)end / start - 1 <= 0.10, root.GetProperty("heap_flat").GetBoolean());
        Assert.Equal(root.GetProperty("heap_flat").GetBoolean(), root.GetProperty("flat").GetBoolean());
        Assert.Equal(root.GetProperty("flat").GetBoolean() ? 0 : 1, run.ExitCode);
    }

    [Fact]
    public void Without_json_each_period_prints_its_heap_and_tables_and_the_end_says_every_table_is_back_at_idle()
    {
        var run = CliRun.Of("soak", "--duration", "2s", "--every", "1s");

        Assert.True(run.ExitCode is 0 or 1, $"exit code {run.ExitCode}:\n{run.Output}\n{run.Error}");
        var periodLines = run.Output.Split('\n').Where(line => line.StartsWith("period ")).ToArray();
        Assert.Equal(2, periodLines.Length);
        Assert.StartsWith("period 1, 0m01s: heap ", periodLines[0]);
        Assert.StartsWith("period 2, 0m02s: heap ", periodLines[1]);
        Assert.Contains("│ group.members ", run.Output);
        Assert.Contains("every table back at its idle size at the end", run.Output);
        Assert.Contains(run.ExitCode == 0 ? "\nflat" : "\nnot flat", run.Output);
    }

    [Fact]
    public void A_period_longer_than_the_run_is_refused_naming_every()
    {
        var problem = CliRun.Of("soak", "--duration", "5s", "--every", "10s").AssertBadInput("--every", line: null);

        Assert.Equal("'10s' is longer than --duration 5s: there would be no period to report", problem);
    }

    [Fact]
    public void A_duration_past_what_timers_take_is_refused_up_front()
    {
        var problem = CliRun.Of("soak", "--duration", "999999h").AssertBadInput("--duration", line: null);

        Assert.Equal("'999999h' is longer than 1000h, the longest it accepts", problem);
    }

    private static Dictionary<string, int> Tables(JsonElement tables) =>
        tables.EnumerateObject().ToDictionary(table => table.Name, table => table.Value.GetInt32());
}
