using System.Text.Json;

namespace Snapshot.Tests.Cli;

/// <summary>
/// Ctrl+C (SIGINT) on a long run, sent to the CLI as its own process: it stops cleanly, prints what it did so far in the
/// usual report, and exits with 130, without a trace.
/// </summary>
public sealed class InterruptTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Ctrl_c_on_demo_prints_the_snapshots_taken_so_far_and_exits_130()
    {
        await using var demo = CliProcess.Start("demo", "--duration", "10m", "--interval", "250ms", "--accounts", "12");
        await demo.WaitForOutputAsync("snapshot 2 from", Limit);

        await demo.InterruptAsync();
        var (exitCode, stdout, stderr) = await demo.WaitAsync(Limit);

        AssertInterrupted(exitCode, stdout, stderr);
        Assert.Contains("│ 1  │", stdout);
        Assert.Contains("│ 2  │", stdout);
        Assert.Contains("snapshots taken before it", stdout);
    }

    [Fact]
    public async Task Ctrl_c_on_chaos_prints_the_counts_so_far_and_exits_130()
    {
        await using var chaos = CliProcess.Start("chaos", "--duration", "10m", "--seed", "33");
        await chaos.WaitForOutputAsync("transfers and snapshots running", Limit);

        await chaos.InterruptAsync();
        var (exitCode, stdout, stderr) = await chaos.WaitAsync(Limit);

        AssertInterrupted(exitCode, stdout, stderr);
        Assert.Contains("│ taken ", stdout);
        Assert.Contains("interrupted (Ctrl+C) after ", stdout);
    }

    /// <summary>Exit code 130 and nothing on the error stream that reads as the command's own failure.</summary>
    internal static void AssertInterrupted(int exitCode, string stdout, string stderr)
    {
        Assert.True(exitCode == 130, $"exit code {exitCode}:\n{stdout}\n{stderr}");
        Assert.DoesNotContain("please report it", stderr);
        Assert.DoesNotContain("failed unexpectedly", stderr);
        // Akka may log a warning with a trace as nodes go; the command itself must not print one of its own frames.
        Assert.DoesNotContain("   at Snapshot.Cli", stderr);
    }
}
