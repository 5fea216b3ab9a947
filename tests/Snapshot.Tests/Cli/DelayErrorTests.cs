namespace Snapshot.Tests.Cli;

/// <summary>A bad <c>--delays</c> value or delays file ends as one <c>error: …</c> line naming the file (and line) or the option.</summary>
public sealed class DelayErrorTests : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>Two servers linked both ways; the script puts three messages on links: the token and two markers.</summary>
    private CliRun Simulate(string delays) => CliRun.Of(
        "simulate",
        "--topology", _files.Write("network.top", "2\nA 5\nB 5\nA B\nB A\n"),
        "--events", _files.Write("script.events", "send A B 1\nsnapshot A\n"),
        "--delays", delays);

    [Fact]
    public void File_too_short_for_the_run_names_the_delays_file()
    {
        var path = _files.Write("delays.txt", "1\n1\n");
        Assert.Contains("too short", Simulate(path).AssertBadInput(path, null));
    }

    [Theory]
    [InlineData("0", "at least 1, found 0")]
    [InlineData("-3", "at least 1, found -3")]
    [InlineData("soon", "'soon'")]
    [InlineData("1 2", "one delay per line")]
    public void Bad_delay_names_the_file_and_line(string delay, string problem)
    {
        var path = _files.Write("delays.txt", $"1\n{delay}\n1\n");
        var run = Simulate(path);
        Assert.Contains(problem, run.AssertBadInput(path, 2));
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void Random_with_a_non_numeric_seed_names_the_option() =>
        Assert.Contains("'random:abc'", Simulate("random:abc").AssertBadInput("--delays", null));

    [Fact]
    public void Random_with_a_non_numeric_seed_names_the_option_for_the_built_in_example_too() =>
        Assert.Contains("'random:abc'", CliRun.Of("simulate", "--delays", "random:abc").AssertBadInput("--delays", null));

    [Fact]
    public void Missing_delays_file_names_the_file()
    {
        var path = _files.PathOf("no-such-delays.txt");
        Assert.Contains("cannot read", Simulate(path).AssertBadInput(path, null));
    }
}
