using System.Text.Json;

namespace Snapshot.Tests.Cli;

public sealed class DeadlockDemoTests
{
    [Fact]
    public void The_json_shows_exactly_the_seeds_cycle_in_the_deadlocked_run_none_in_the_others_and_the_grant_in_flight()
    {
        var run = CliRun.Of("demo", "deadlock", "--json");

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}:\n{run.Output}\n{run.Error}");
        using var json = JsonDocument.Parse(run.Output);
        Assert.True(json.RootElement.GetProperty("as_expected").GetBoolean());
        var runs = json.RootElement.GetProperty("runs").EnumerateArray().ToArray();
        Assert.Equal(["deadlocked", "ordered", "grant in flight"], runs.Select(r => r.GetProperty("name").GetString()));

        var deadlocked = runs[0];
        Assert.Equal(["A holds lock 1", "B holds lock 2", "A waits for lock 2", "B waits for lock 1"], Strings(deadlocked, "steps"));
        Assert.Equal(["A →(lock 2)→ B", "B →(lock 1)→ A"], Strings(deadlocked, "waits"));
        var cycle = Assert.Single(deadlocked.GetProperty("cycles").EnumerateArray());
        Assert.Equal("A →(lock 2)→ B →(lock 1)→ A", cycle.GetProperty("cycle").GetString());
        Assert.Equal(["A", "B"], Strings(cycle, "participants"));
        Assert.Equal(["lock 2", "lock 1"], Strings(cycle, "resources"));
        Assert.Equal("held by B, queue: A", deadlocked.GetProperty("states").GetProperty("lock-2").GetString());

        var ordered = runs[1];
        Assert.Empty(ordered.GetProperty("cycles").EnumerateArray());
        Assert.Equal(["B →(lock 1)→ A"], Strings(ordered, "waits"));
        Assert.Equal("holds lock 1, lock 2", ordered.GetProperty("states").GetProperty("A").GetString());

        var grant = runs[2];
        Assert.Equal(["A holds lock 1", "A holds lock 2"], Strings(grant, "steps"));
        Assert.Equal("holds lock 1; waits for lock 2", grant.GetProperty("states").GetProperty("A").GetString());
        Assert.Equal("held by A", grant.GetProperty("states").GetProperty("lock-2").GetString());
        Assert.Equal(["lock 2 in flight lock-2 → A"], Strings(grant, "handovers"));
        Assert.Empty(grant.GetProperty("waits").EnumerateArray());
        Assert.Empty(grant.GetProperty("cycles").EnumerateArray());
        Assert.All(runs, r => Assert.True(r.GetProperty("as_expected").GetBoolean()));
    }

    [Fact]
    public void The_tables_report_the_one_deadlock_and_the_runs_without()
    {
        var run = CliRun.Of("demo", "deadlock");

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}:\n{run.Output}\n{run.Error}");
        var lines = run.Output.Split('\n').Select(l => l.TrimEnd()).ToArray();
        Assert.Equal(["deadlock: A →(lock 2)→ B →(lock 1)→ A"], lines.Where(l => l.StartsWith("deadlock:")));
        Assert.Equal(["no deadlock", "no deadlock"], lines.Where(l => l.StartsWith("no deadlock")));
        Assert.Contains("│ A           │ holds lock 1; waits for lock 2 │", lines);
        Assert.Equal(["locks on their way: lock 2 in flight lock-2 → A"], lines.Where(l => l.StartsWith("locks on their way")));
        Assert.Equal("the analysis found exactly the deadlocks and grants in flight the runs made", lines.Last(l => l.Length > 0));
    }

    [Fact]
    public void An_unknown_option_is_one_error_line()
    {
        var run = CliRun.Of("demo", "deadlock", "--seed", "3");

        Assert.Contains("--seed", run.AssertOneErrorLine());
        Assert.Equal("", run.Output);
    }

    private static string[] Strings(JsonElement element, string property) =>
        [.. element.GetProperty(property).EnumerateArray().Select(e => e.GetString()!)];
}
