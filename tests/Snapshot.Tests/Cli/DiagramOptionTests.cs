using Snapshot.Tests.Diagrams;

namespace Snapshot.Tests.Cli;

/// <summary><c>simulate --diagram</c>: the file written as SVG or HTML, the report unchanged, and a name it cannot write refused in one line.</summary>
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
        Assert.Equal(CliRun.Of("simulate").Output, run.Output);
        var drawn = DrawnDiagram.Parse(File.ReadAllText(path));
        Assert.Equal((3, 4, 4), (drawn.Messages.Count, drawn.Markers.Count, drawn.Recordings.Count));
    }

    [Fact]
    public void Html_diagram_is_a_page_with_the_svg_inside()
    {
        var path = _files.PathOf("bank.html");

        var run = CliRun.Of("simulate", "--json", "--diagram", path);

        Assert.True(run.ExitCode == 0, run.Error);
        var page = File.ReadAllText(path);
        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en\">", page);
        Assert.Contains("<title>built-in bank example: acct1 holds $1000, acct2 $2000, they pay each other, snapshots catch money in flight</title>", page);
        var start = page.IndexOf("<svg", StringComparison.Ordinal);
        var end = page.IndexOf("</svg>", StringComparison.Ordinal) + "</svg>".Length;
        Assert.Equal(7, DrawnDiagram.Parse(page[start..end]).Arrows.Count);
    }

    [Fact]
    public void Another_extension_is_refused_before_the_run()
    {
        var path = _files.PathOf("bank.png");

        var run = CliRun.Of("simulate", "--diagram", path);

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

    [Fact]
    public void A_file_that_cannot_be_written_is_one_error_line_after_the_report()
    {
        var path = _files.PathOf("taken.svg");
        Directory.CreateDirectory(path);

        var run = CliRun.Of("simulate", "--diagram", path);

        Assert.StartsWith($"cannot write '{path}': ", run.AssertBadInput("--diagram", null));
        Assert.Equal(CliRun.Of("simulate").Output, run.Output);
    }
}
