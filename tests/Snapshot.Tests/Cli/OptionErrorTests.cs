namespace Snapshot.Tests.Cli;

/// <summary>Mistakes on the command line itself: missing files, options that go together, unknown options, a bad <c>--out</c>.</summary>
public sealed class OptionErrorTests : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    private string Topology => _files.Write("network.top", "2\nA 5\nB 5\nA B\nB A\n");

    private string Events => _files.Write("script.events", "send A B 1\nsnapshot A\n");

    [Fact]
    public void Missing_topology_file_names_the_file()
    {
        var path = _files.PathOf("no-such-network.top");
        var run = CliRun.Of("simulate", "--topology", path, "--events", Events);
        Assert.Contains("cannot read", run.AssertBadInput(path, null));
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void Missing_events_file_names_the_file()
    {
        var path = _files.PathOf("no-such-script.events");
        Assert.Contains("cannot read", CliRun.Of("simulate", "--topology", Topology, "--events", path).AssertBadInput(path, null));
    }

    [Fact]
    public void Directory_given_as_a_file_says_so()
    {
        var run = CliRun.Of("simulate", "--topology", _files.Root, "--events", Events);
        Assert.Contains("is a directory", run.AssertBadInput(_files.Root, null));
    }

    [Fact]
    public void Topology_without_events()
    {
        var run = CliRun.Of("simulate", "--topology", Topology);
        Assert.Contains("--topology and --events go together", run.AssertBadInput("--topology", null));
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void Events_without_topology() =>
        Assert.Contains("--topology and --events go together", CliRun.Of("simulate", "--events", Events).AssertBadInput("--events", null));

    [Fact]
    public void Unknown_option()
    {
        var run = CliRun.Of("simulate", "--bogus");
        Assert.Contains("--bogus", run.AssertOneErrorLine());
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void Unknown_command_is_named_with_the_commands_there_are() =>
        Assert.Equal("error: 'bogus' is not a command of snapshot, which has simulate, demo, chaos, node, take, bench, soak, list, show (see 'snapshot --help')",
            CliRun.Of("bogus").AssertOneErrorLine());

    [Fact]
    public void No_command_lists_the_commands_there_are() =>
        Assert.Equal("error: snapshot needs a command: simulate, demo, chaos, node, take, bench, soak, list, show (see 'snapshot --help')",
            CliRun.Of().AssertOneErrorLine());

    [Theory]
    [InlineData("node", "--port", "abc", "expects a whole number, found 'abc'")]
    [InlineData("node", "--accounts", "99999999999", "expects a whole number from -2147483648 to 2147483647, found 99999999999")]
    [InlineData("bench", "--messages", "1e9", "expects a whole number, found '1e9'")]
    [InlineData("demo", "--nodes", "three", "expects a whole number, found 'three'")]
    public void A_number_option_given_something_else_says_it_expects_a_whole_number(string command, string option, string value, string problem)
    {
        string[] required = command == "node" ? ["--config", "node.conf"] : [];

        Assert.Equal(problem, CliRun.Of([command, .. required, option, value]).AssertBadInput(option, null));
    }

    [Fact]
    public void Option_without_its_value() =>
        Assert.Contains("--topology", CliRun.Of("simulate", "--topology").AssertOneErrorLine());

    [Fact]
    public void Out_pointing_at_an_existing_file_names_the_option()
    {
        var file = _files.Write("taken", "not a directory\n");
        var run = CliRun.Of("simulate", "--topology", Topology, "--events", Events, "--out", file);
        Assert.Contains("taken", run.AssertBadInput("--out", null));
        Assert.Equal("not a directory\n", File.ReadAllText(file));
    }
}
