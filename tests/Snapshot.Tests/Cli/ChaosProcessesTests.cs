using System.Diagnostics;
using System.Text.Json;

namespace Snapshot.Tests.Cli;

/// <summary>
/// <c>chaos --processes</c> as a user runs it: the CLI starts <c>snapshot node</c> processes and kills, freezes and
/// interrupts them. Each test gives the nodes a config file of its own, a copy of hocon/node1.conf in its temp
/// directory, so that the node processes can be found by their command line, and finds none left when the run ends.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class ChaosProcessesTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(180);

    /// <summary>
    /// The schedule opens with a freeze, a leave and a kill, each waiting for the one before to be repaired: 45 seconds
    /// see all three on a loaded machine (a repair, a new node joining, takes up to 12 s), the leave's and the kill's
    /// nodes replaced, and any node the cluster downed on its own (a freeze that outlasted the failure detector) too.
    /// </summary>
    [Fact]
    public async Task Process_chaos_kills_freezes_interrupts_and_replaces_nodes_and_hangs_no_snapshot()
    {
        using var directory = new TempDirectory();
        var config = NodeConfigIn(directory);
        try
        {
            var (exitCode, stdout, stderr) = await CliProcess.RunAsync(Limit, "chaos", "--processes", "--duration", "45s", "--seed", "3", "--json", "--config", config);

            Assert.True(exitCode == 0, $"exit code {exitCode}:\n{stdout}\n{stderr}");
            using var json = JsonDocument.Parse(stdout);
            var report = json.RootElement;
            int Count(string name) => report.GetProperty(name).GetInt32();
            int Unplanned(string name) => report.GetProperty("faults").TryGetProperty(name, out var count) ? count.GetInt32() : 0;
            Assert.Equal(0, Count("hung"));
            Assert.Equal(0, Count("inconsistent"));
            Assert.Equal(Count("taken"), Count("completed") + Count("failed"));
            Assert.True(Count("completed") - Count("rebased") >= 10, stdout);
            Assert.True(Count("processes_frozen") >= 1, stdout);
            Assert.True(Count("processes_left") >= 1, stdout);
            // A node the cluster downed on its own is killed by the run (SIGKILL) and replaced as a killed one is.
            Assert.True(Count("processes_killed") + Unplanned("nodes_downed_on_their_own") >= 1, stdout);
            Assert.Equal(Count("processes_left") + Count("processes_killed") + Unplanned("nodes_downed_on_their_own") + Unplanned("nodes_exited_on_their_own"),
                Count("processes_restarted"));
            Assert.Equal(Count("processes_killed"), report.GetProperty("node_removal_s").GetArrayLength());
            Assert.Empty(report.GetProperty("problems").EnumerateArray());
            Assert.Empty(NodeProcessesOf(config));
        }
        finally
        {
            KillAll(NodeProcessesOf(config));
        }
    }

    [Fact]
    public async Task An_interrupted_run_leaves_no_node_process_behind()
    {
        using var directory = new TempDirectory();
        var config = NodeConfigIn(directory);
        try
        {
            await using (var chaos = CliProcess.Start("chaos", "--processes", "--duration", "60s", "--config", config))
            {
                await PollAsync(() => NodeProcessesOf(config).Count == 3, $"three node processes of {config}");
                using (var interrupt = Process.Start("kill", ["-INT", chaos.Id.ToString()]))
                    await interrupt.WaitForExitAsync();
                await chaos.WaitAsync(TimeSpan.FromSeconds(60));
            }
            Assert.Empty(NodeProcessesOf(config));
        }
        finally
        {
            KillAll(NodeProcessesOf(config));
        }
    }

    private static string NodeConfigIn(TempDirectory directory) =>
        directory.Write("node.conf", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "hocon", "node1.conf")));

    /// <summary>The ids of running processes whose command line names <paramref name="config"/>: the node processes of one run.</summary>
    private static IReadOnlyList<int> NodeProcessesOf(string config)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var id))
                continue;
            try
            {
                var arguments = File.ReadAllText(Path.Combine(directory, "cmdline")).Split('\0');
                if (arguments.Contains("node") && arguments.Contains(config))
                    found.Add(id);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // It exited while being read, or is not ours.
            }
        }
        return found;
    }

    /// <summary>What a failed test must not leave running.</summary>
    private static void KillAll(IEnumerable<int> ids)
    {
        foreach (var id in ids)
        {
            try
            {
                Process.GetProcessById(id).Kill();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                // Gone already.
            }
        }
    }

    private static async Task PollAsync(Func<bool> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < Limit, $"no {what} within {Limit}");
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }
}
