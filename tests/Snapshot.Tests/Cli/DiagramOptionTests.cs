using System.Text.Json;
using System.Text.RegularExpressions;
using Snapshot.Tests.Diagrams;

namespace Snapshot.Tests.Cli;

/// <summary>
/// <c>simulate --diagram</c> and <c>demo --diagram</c>: the file written as SVG or HTML, the report unchanged, and a
/// name it cannot write refused in one line.
/// </summary>
public sealed class DiagramOptionTests : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Svg_diagram_of_the_bank_example_beside_the_same_report()
    {
        var path = _files.PathOf("bank.svg");

        var run = CliRun.Of("simulate", "--diagram", path);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(CliRun.Of("simulate").Output + $"wrote the diagram to {path}{Environment.NewLine}", run.Output);
        var drawn = DrawnDiagram.Parse(File.ReadAllText(path));
        Assert.Equal((3, 4, 4), (drawn.Messages.Count, drawn.Markers.Count, drawn.Recordings.Count));
    }

    [Fact]
    public void Html_diagram_is_a_page_with_the_svg_inside()
    {
        var path = _files.PathOf("bank.html");

        var run = CliRun.Of("simulate", "--json", "--diagram", path);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(CliRun.Of("simulate", "--json").Output, run.Output);
        Assert.Equal($"wrote the diagram to {path}{Environment.NewLine}", run.Error);
        var page = File.ReadAllText(path);
        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en\">", page);
        Assert.Contains("<title>built-in bank example: acct1 holds $1000, acct2 $2000, they pay each other, snapshots catch money in flight</title>", page);
        var start = page.IndexOf("<svg", StringComparison.Ordinal);
        var end = page.IndexOf("</svg>", StringComparison.Ordinal) + "</svg>".Length;
        Assert.Equal(7, DrawnDiagram.Parse(page[start..end]).Arrows.Count);
    }

    [Theory]
    [InlineData("simulate")]
    [InlineData("demo")]
    public void Another_extension_is_refused_before_the_run(string command)
    {
        var path = _files.PathOf("picture.png");

        var run = CliRun.Of(command, "--diagram", path);

        Assert.Equal($"'{path}' must end in .svg or .html", run.AssertBadInput("--diagram", null));
        Assert.Equal("", run.Output);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void A_missing_directory_is_refused_before_the_run()
    {
        var directory = _files.PathOf("missing");
        var path = Path.Combine(directory, "bank.svg");

        var run = CliRun.Of("simulate", "--diagram", path);

        Assert.Equal($"cannot write '{path}': the directory '{directory}' does not exist", run.AssertBadInput("--diagram", null));
        Assert.Equal("", run.Output);
    }

    [Theory]
    [InlineData("simulate")]
    [InlineData("demo")]
    public void A_folder_is_refused_before_the_run_as_a_folder(string command)
    {
        var path = _files.PathOf("taken.svg");
        Directory.CreateDirectory(path);

        var run = CliRun.Of(command, "--diagram", path);

        Assert.Equal($"'{path}' is a folder, not a file", run.AssertBadInput("--diagram", null));
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void A_file_that_cannot_be_written_is_one_error_line_after_the_report()
    {
        // Checked before the run, the name is fine; writing follows the link into a folder that does not exist.
        var path = _files.PathOf("dangling.svg");
        File.CreateSymbolicLink(path, Path.Combine(_files.PathOf("missing"), "bank.svg"));

        var run = CliRun.Of("simulate", "--diagram", path);

        Assert.StartsWith($"cannot write '{path}': ", run.AssertBadInput("--diagram", null));
        Assert.Equal(CliRun.Of("simulate").Output, run.Output);
    }

    [Fact]
    public void Demo_draws_one_of_its_snapshots_as_four_accounts_saw_it_named_as_its_table_names_it()
    {
        var path = _files.PathOf("demo.svg");

        var run = CliRun.Of("demo", "--duration", "1s", "--interval", "250ms", "--accounts", "8", "--seed", "5", "--json", "--diagram", path);

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}:\n{run.Output}\n{run.Error}");
        Assert.Contains($"wrote the diagram to {path}{Environment.NewLine}", run.Error);
        var table = JsonDocument.Parse(run.Output).RootElement.GetProperty("snapshots").EnumerateArray().Select(s => s.GetProperty("id").GetInt64()).ToList();
        var svg = File.ReadAllText(path);
        var drawn = DrawnDiagram.Parse(svg);
        string[] accounts = ["account-0 (node 1)", "account-1 (node 2)", "account-2 (node 3)", "account-3 (node 1)"];
        Assert.Equal(accounts, drawn.Recordings.Select(r => r.Process).Order(StringComparer.Ordinal));
        Assert.Equal(accounts.SelectMany(from => accounts.Select(to => (from, to))).Order(), drawn.Markers.Select(m => (m.From, m.To)).Order());
        var snapshot = Assert.Single(drawn.Recordings.Select(r => r.Snapshot).Distinct());
        Assert.Contains(long.Parse(snapshot), table);
        // The demo starts its snapshots on node 1, 2, 3, 1… in turn.
        Assert.Contains($"snapshot demo: snapshot {snapshot} (started on node {(long.Parse(snapshot) - 1) % 3 + 1}), as 4 of its 8 accounts saw it", svg);
        Assert.Equal(
            [.. accounts.Select(a => drawn.Recordings.Single(r => r.Process == a)).Select(r => (r.X, r.Y))],
            drawn.Cut(snapshot).Skip(1).SkipLast(1));
        drawn.AssertCutsMeanWhatTheSnapshotsRecorded("demo");
        // The transfers the diagram finds in flight are those the snapshot itself counted on these channels.
        var inFlight = Regex.Match(Assert.Single(drawn.Notes, n => n.StartsWith("In flight at the cut")), @"^In flight at the cut: (\d+) transfers? between these accounts \(the snapshot's own count on these channels: (\d+)\)\.$");
        Assert.True(inFlight.Success);
        Assert.Equal(inFlight.Groups[2].Value, inFlight.Groups[1].Value);
        Assert.Equal(int.Parse(inFlight.Groups[1].Value), drawn.Messages.Count(m => m.RecordedIn == snapshot));
    }
}
