namespace Snapshot.Tests.Cli;

/// <summary>
/// The built CLI run as its own process, as a user runs it: what reaches the real exit code and stderr,
/// past Program.cs and the runtime's own handling of anything that escapes.
/// </summary>
public sealed class ProcessTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Bad_input_exits_with_2_and_one_stderr_line()
    {
        var topology = _files.Write("network.top", "2\nA 5\nB five\nA B\n");
        var events = _files.Write("script.events", "tick\n");

        var (exitCode, stdout, stderr) = await CliProcess.RunAsync(Timeout, "simulate", "--topology", topology, "--events", events);

        Assert.True(exitCode == 2, $"exit code {exitCode}; stderr:\n{stderr}");
        var line = Assert.Single(stderr.Split('\n').Select(l => l.TrimEnd('\r')), l => l.Trim().Length > 0);
        Assert.StartsWith($"error: {topology}:3: ", line);
        Assert.Contains("'five'", line);
        Assert.DoesNotContain("   at ", stderr);
        Assert.DoesNotContain("Exception", stderr);
        Assert.Equal("", stdout);
    }

    [Fact]
    public async Task Output_to_a_pipe_has_no_escape_codes_even_from_a_colour_terminal()
    {
        // What a shell in a colour terminal passes on to `snapshot simulate > report.txt`.
        var colourTerminal = new Dictionary<string, string?> { ["TERM"] = "xterm-256color", ["COLORTERM"] = "truecolor", ["NO_COLOR"] = null };

        var (exitCode, stdout, stderr) = await CliProcess.RunAsync(Timeout, colourTerminal, "simulate");

        Assert.True(exitCode == 0, $"exit code {exitCode}; stderr:\n{stderr}");
        Assert.Contains("in flight = 3000 of 3000: conserved", stdout);
        Assert.DoesNotContain('\u001b', stdout);
    }
}
