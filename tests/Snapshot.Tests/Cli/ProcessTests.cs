using System.Diagnostics;

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

        var (exitCode, stdout, stderr) = await RunCli("simulate", "--topology", topology, "--events", events);

        Assert.True(exitCode == 2, $"exit code {exitCode}; stderr:\n{stderr}");
        var line = Assert.Single(stderr.Split('\n').Select(l => l.TrimEnd('\r')), l => l.Trim().Length > 0);
        Assert.StartsWith($"error: {topology}:3: ", line);
        Assert.Contains("'five'", line);
        Assert.DoesNotContain("   at ", stderr);
        Assert.DoesNotContain("Exception", stderr);
        Assert.Equal("", stdout);
    }

    /// <summary>Runs <c>dotnet Snapshot.Cli.dll ARGS</c> (copied next to the tests by the project reference), killed if it overruns.</summary>
    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunCli(params string[] args)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "Snapshot.Cli.dll");
        Assert.True(File.Exists(cli), $"{cli} not found");
        // The dotnet CLI tells the processes it starts where it is; fall back to the one on the PATH.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(cli);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var overrun = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(overrun.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"the CLI did not exit within {Timeout}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
