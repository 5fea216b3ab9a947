namespace Snapshot.Tests.Cli;

/// <summary>A malformed <c>.top</c> file ends as one <c>error: FILE[:LINE]: …</c> line, exit code 2, and nothing run.</summary>
public sealed class TopologyErrorTests : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>Runs <paramref name="topology"/> with a harmless script; returns the problem reported at <paramref name="line"/>.</summary>
    private string ProblemIn(string topology, int? line)
    {
        var path = _files.Write("network.top", topology);
        var run = CliRun.Of("simulate", "--topology", path, "--events", _files.Write("script.events", "tick\n"));
        var problem = run.AssertBadInput(path, line);
        Assert.Equal("", run.Output);
        return problem;
    }

    [Fact]
    public void More_servers_than_simulate_takes_are_refused_from_the_count_line() =>
        Assert.Equal("1001 servers: simulate takes at most 1000 servers and 40000 channels (a larger network runs for minutes, using gigabytes, before it prints anything)",
            ProblemIn("1001\n", null));

    [Fact]
    public void More_channels_than_simulate_takes_are_refused_before_the_file_is_loaded()
    {
        var servers = Enumerable.Range(0, 201).Select(i => $"s{i}").ToArray();
        var complete = string.Join("\n", [$"{servers.Length}", .. servers.Select(s => $"{s} 1"), .. servers.SelectMany(a => servers.Where(b => b != a).Select(b => $"{a} {b}"))]);

        Assert.Equal("201 servers and more than 40000 channels: simulate takes at most 1000 servers and 40000 channels (a larger network runs for minutes, using gigabytes, before it prints anything)",
            ProblemIn(complete, null));
    }

    [Fact]
    public void Empty_file() =>
        Assert.Contains("empty", ProblemIn("", null));

    [Fact]
    public void File_with_only_comments_and_blank_lines_is_empty() =>
        Assert.Contains("empty", ProblemIn("# no servers yet\n\n", null));

    [Fact]
    public void Non_numeric_server_count() =>
        Assert.Contains("'two'", ProblemIn("two\nA 5\nB 5\nA B\n", 1));

    [Fact]
    public void Server_count_with_a_second_field() =>
        Assert.Contains("'2 servers'", ProblemIn("2 servers\nA 5\nB 5\n", 1));

    [Fact]
    public void Zero_servers() =>
        Assert.Contains("at least 1", ProblemIn("0\n", 1));

    [Fact]
    public void Fewer_server_lines_than_declared_before_the_links()
    {
        var problem = ProblemIn("3\nA 5\nB 5\nA B\nB A\n", 4);
        Assert.Contains("'A B'", problem);
        Assert.Contains("declares 3 servers but only 2 are listed", problem);
    }

    [Fact]
    public void Fewer_server_lines_than_declared_at_the_end_of_the_file() =>
        Assert.Contains("declares 3 servers, but only 2 follow", ProblemIn("3\nA 5\nB 5\n", 1));

    [Fact]
    public void More_server_lines_than_declared()
    {
        var problem = ProblemIn("1\nA 5\nB 5\nA B\n", 3);
        Assert.Contains("unknown server 'B'", problem);
        Assert.Contains("declares only 1 server)", problem);
    }

    [Fact]
    public void Duplicate_server() =>
        Assert.Contains("server 'A' is declared twice (first on line 2)", ProblemIn("2\nA 5\nA 7\nA B\n", 3));

    [Fact]
    public void Duplicate_link() =>
        Assert.Contains("link A → B is declared twice (first on line 4)", ProblemIn("2\nA 5\nB 5\nA B\nB A\nA B\n", 6));

    [Fact]
    public void Link_naming_an_unknown_server() =>
        Assert.Contains("unknown server 'C'", ProblemIn("2\nA 5\nB 5\nA B\nA C\n", 5));

    [Fact]
    public void Link_line_with_three_fields() =>
        Assert.Contains("'A B C'", ProblemIn("2\nA 5\nB 5\nA B C\n", 4));

    [Fact]
    public void Server_line_with_three_fields() =>
        Assert.Contains("'A 5 6'", ProblemIn("2\nA 5 6\nB 5\nA B\n", 2));

    [Fact]
    public void Negative_tokens() =>
        Assert.Contains("at least 0, found -5", ProblemIn("2\nA 5\nB -5\nA B\n", 3));

    [Fact]
    public void Non_numeric_tokens() =>
        Assert.Contains("'five'", ProblemIn("2\nA five\nB 5\nA B\n", 2));

    [Fact]
    public void Tokens_adding_up_beyond_a_long() =>
        Assert.Contains("add up to more than", ProblemIn($"2\nA {long.MaxValue}\nB 1\nA B\n", 3));

    [Fact]
    public void Line_numbers_count_comments_and_blank_lines() =>
        Assert.Contains("'five'", ProblemIn("# a network\n\n2\nA five\nB 5\n", 4));
}
