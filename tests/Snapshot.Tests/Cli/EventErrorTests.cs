using System.Diagnostics;
using Snapshot.Simulation;

namespace Snapshot.Tests.Cli;

/// <summary>
/// A malformed or inconsistent <c>.events</c> script ends as one <c>error: FILE:LINE: …</c> line and exit code 2.
/// Mistakes visible in the files stop the command before it simulates anything; a send the sender cannot
/// afford at that moment stops the run there, keeping the snapshots completed before it.
/// </summary>
public sealed class EventErrorTests : IDisposable
{
    /// <summary>A directed network: C receives from B but has no outgoing link, so nothing C sends reaches A or B.</summary>
    private const string Network = "3\nA 10\nB 10\nC 10\nA B\nB A\nB C\n";

    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    private (string Path, CliRun Run) Simulate(string events, params string[] options)
    {
        var path = _files.Write("script.events", events);
        return (path, CliRun.Of(["simulate", "--topology", _files.Write("network.top", Network), "--events", path, .. options]));
    }

    /// <summary>Runs a script whose line 2 is <paramref name="badLine"/>; returns the problem reported there.</summary>
    private string ProblemOnLineTwo(string badLine)
    {
        var (path, run) = Simulate($"tick\n{badLine}\nsnapshot A\n");
        var problem = run.AssertBadInput(path, 2);
        Assert.Equal("", run.Output);
        return problem;
    }

    [Fact]
    public void Unknown_command() =>
        Assert.Contains("unknown command 'jump'", ProblemOnLineTwo("jump A"));

    [Theory]
    [InlineData("send A B")]
    [InlineData("send A B 1 2")]
    public void Send_with_the_wrong_number_of_arguments(string line) =>
        Assert.Contains($"expected 'send SRC DST N', found '{line}'", ProblemOnLineTwo(line));

    [Theory]
    [InlineData("snapshot")]
    [InlineData("snapshot A B")]
    public void Snapshot_with_the_wrong_number_of_arguments(string line) =>
        Assert.Contains($"expected 'snapshot SERVER', found '{line}'", ProblemOnLineTwo(line));

    [Fact]
    public void Tick_with_too_many_arguments() =>
        Assert.Contains("expected 'tick' or 'tick N', found 'tick 1 2'", ProblemOnLineTwo("tick 1 2"));

    [Theory]
    [InlineData("send Z A 1")]
    [InlineData("send A Z 1")]
    public void Send_naming_an_unknown_server(string line) =>
        Assert.Contains("unknown server 'Z'", ProblemOnLineTwo(line));

    [Fact]
    public void Snapshot_at_an_unknown_server() =>
        Assert.Contains("unknown server 'Z'", ProblemOnLineTwo("snapshot Z"));

    [Fact]
    public void Send_on_a_link_that_does_not_exist() =>
        Assert.Contains("no link C → A", ProblemOnLineTwo("send C A 1"));

    [Fact]
    public void Non_numeric_amount() =>
        Assert.Contains("'ten'", ProblemOnLineTwo("send A B ten"));

    [Fact]
    public void Negative_amount() =>
        Assert.Contains("at least 0, found -1", ProblemOnLineTwo("send A B -1"));

    [Theory]
    [InlineData("tick -1", "at least 1, found -1")]
    [InlineData("tick 0", "at least 1, found 0")]
    [InlineData("tick soon", "'soon'")]
    public void Bad_tick_count(string line, string problem) =>
        Assert.Contains(problem, ProblemOnLineTwo(line));

    [Fact]
    public void Snapshot_that_can_never_complete_is_refused_before_simulating()
    {
        // Were the script simulated, the tick alone would run for hours.
        var clock = Stopwatch.StartNew();
        var (path, run) = Simulate("send A B 1\ntick 1000000000000\nsnapshot C\n");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        var problem = run.AssertBadInput(path, 3);
        Assert.Contains("never complete", problem);
        Assert.Contains("A, B", problem);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void Send_beyond_the_balance_stops_the_run_and_keeps_earlier_snapshots()
    {
        var (path, run) = Simulate(OverdrawAfterOneSnapshot);

        Assert.Contains("A cannot send 11 tokens at step 30: it holds 10", run.AssertBadInput(path, 3));
        Assert.Contains("Snapshot 0", run.Output);
        Assert.DoesNotContain("Snapshot 1", run.Output);
    }

    [Fact]
    public void Send_beyond_the_balance_still_writes_earlier_snapshots_to_out()
    {
        var directory = _files.PathOf("snaps");
        var (path, run) = Simulate(OverdrawAfterOneSnapshot, "--out", directory);

        run.AssertBadInput(path, 3);
        Assert.Equal(["0.snap"], Directory.GetFiles(directory).Select(Path.GetFileName));
        var written = SnapFile.Load(Path.Combine(directory, "0.snap"));
        Assert.Equal(0, written.Id);
        Assert.Equal(30, written.Tokens.Values.Sum() + written.Messages.Sum(m => m.Amount));
    }

    [Fact]
    public void Send_beyond_the_balance_still_prints_earlier_snapshots_as_json()
    {
        var (path, run) = Simulate(OverdrawAfterOneSnapshot, "--json");

        run.AssertBadInput(path, 3);
        using var json = System.Text.Json.JsonDocument.Parse(run.Output);
        Assert.Equal([0], json.RootElement.GetProperty("snapshots").EnumerateArray().Select(s => s.GetProperty("id").GetInt64()));
    }

    /// <summary>Snapshot 0 completes well within 30 steps (delays are 1–5); then A, holding 10, sends 11.</summary>
    private const string OverdrawAfterOneSnapshot = "snapshot A\ntick 30\nsend A B 11\n";
}
