using System.Text.Json;
using Snapshot.Simulation;

namespace Snapshot.Tests.Cli;

/// <summary><c>snapshot simulate</c> on good input: the built-in bank example, as tables and as JSON, and the reference runs written with <c>--out</c>.</summary>
public sealed class SimulateTests : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    private static string Conformance(string file) => Path.Combine(AppContext.BaseDirectory, "Conformance", file);

    [Fact]
    public void Built_in_example_shows_the_money_in_flight()
    {
        var run = CliRun.Of("simulate");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("", run.Error);
        Assert.Contains("acct1", run.Output);
        Assert.Contains("acct2", run.Output);
        Assert.Contains("token(50)", run.Output);
        Assert.Contains("conserved", run.Output);
        Assert.DoesNotContain("NOT conserved", run.Output);
    }

    [Fact]
    public void Built_in_example_as_json()
    {
        var run = CliRun.Of("simulate", "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.True(root.GetProperty("all_conserved").GetBoolean());
        var snapshots = root.GetProperty("snapshots").EnumerateArray().ToArray();
        Assert.Equal([0L, 1L], snapshots.Select(s => s.GetProperty("id").GetInt64()));
        var channel = Assert.Single(snapshots[0].GetProperty("channels").EnumerateArray(),
            c => c.GetProperty("from").GetString() == "acct2" && c.GetProperty("to").GetString() == "acct1");
        Assert.Equal([50L], channel.GetProperty("tokens").EnumerateArray().Select(t => t.GetInt64()));
    }

    [Fact]
    public void Counts_of_one_are_singular()
    {
        var run = CliRun.Of("simulate", "--topology", Conformance("2nodes.top"), "--events", Conformance("2nodes-simple.events"), "--delays", Conformance("delays.txt"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("2 servers, 2 links, 1 token, 1 snapshot\n", run.Output.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("2nodes.top", "2nodes-simple.events", new[] { "2nodes-simple.snap" })]
    [InlineData("2nodes.top", "2nodes-message.events", new[] { "2nodes-message.snap" })]
    [InlineData("3nodes.top", "3nodes-simple.events", new[] { "3nodes-simple.snap" })]
    [InlineData("8nodes.top", "8nodes-sequential-snapshots.events", new[] { "8nodes-sequential-snapshots0.snap", "8nodes-sequential-snapshots1.snap" })]
    public void Out_writes_the_reference_snapshots(string topology, string events, string[] expected)
    {
        var directory = _files.PathOf("snaps");
        var run = CliRun.Of("simulate", "--topology", Conformance(topology), "--events", Conformance(events), "--delays", Conformance("delays.txt"), "--out", directory);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(expected.Select((_, id) => $"{id}.snap"), Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        for (var id = 0; id < expected.Length; id++)
        {
            var want = File.ReadAllText(Conformance(expected[id]));
            var got = File.ReadAllText(Path.Combine(directory, $"{id}.snap"));
            // The same lines; their order only matters per receiving server, which Matches checks.
            Assert.Equal(Lines(want), Lines(got));
            Assert.True(SnapFile.Parse(want, expected[id]).Matches(SnapFile.Parse(got, $"{id}.snap")), $"expected:\n{want}\nwritten:\n{got}");
        }
    }

    private static string[] Lines(string text) =>
        [.. text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Order(StringComparer.Ordinal)];
}
