using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Snapshot.Tests.Cli;

/// <summary>
/// Three real <c>snapshot node</c> processes from the project's hocon/ files, on free loopback ports, and
/// <c>snapshot take</c> joining them: the snapshot covers every account on every node and conserves the money.
/// Every process is stopped when the test ends, however it ends.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class ClusterProcessTests
{
    private const int AccountsPerNode = 5;
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Take_snapshots_accounts_on_three_node_processes_and_a_node_leaves_on_ctrl_c()
    {
        var ports = FreePorts(3);
        var seed = $"akka.tcp://snapshot@127.0.0.1:{ports[0]}";
        var nodes = new List<CliProcess>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                nodes.Add(CliProcess.Start("node", "--config", Path.Combine(AppContext.BaseDirectory, "hocon", $"node{i + 1}.conf"),
                    "--port", ports[i].ToString(), "--seed-node", seed, "--accounts", AccountsPerNode.ToString(), "--seed", (i + 1).ToString()));
            }

            var (exitCode, stdout, stderr) = await CliProcess.RunAsync(Limit,
                "take", "--seed-node", seed, "--min-participants", (3 * AccountsPerNode).ToString(), "--timeout", "60s", "--json");

            Assert.True(exitCode == 0, $"take exited with {exitCode}:\n{stdout}\n{stderr}\nnodes:\n{string.Join("\n", nodes.Select(n => n.Stdout + n.Stderr))}");
            using var json = JsonDocument.Parse(stdout);
            var snapshot = Assert.Single(json.RootElement.GetProperty("snapshots").EnumerateArray());
            Assert.Equal(3 * AccountsPerNode, snapshot.GetProperty("participants").GetInt32());
            Assert.Equal(3, snapshot.GetProperty("nodes").GetInt32());
            Assert.Equal(3 * AccountsPerNode * 1000, json.RootElement.GetProperty("expected_total").GetInt64());
            Assert.Equal(3 * AccountsPerNode * 1000, snapshot.GetProperty("total").GetInt64());
            Assert.True(snapshot.GetProperty("conserved").GetBoolean());

            // Ctrl+C: the node leaves the cluster and exits on its own.
            using (var interrupt = Process.Start("kill", ["-INT", nodes[2].Id.ToString()]))
                await interrupt.WaitForExitAsync();
            var (nodeExit, nodeOut, _) = await nodes[2].WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, nodeExit);
            Assert.Contains("leaving the cluster", nodeOut);
            // The client and the node left on purpose: neither their leaving nor their associations dropping is an error.
            Assert.All(nodes, node => Assert.DoesNotContain("[ERROR]", node.Stderr));
        }
        finally
        {
            foreach (var node in nodes)
                await node.DisposeAsync();
        }
    }

    /// <summary>
    /// A node killed (as by kill -9) before <c>take</c> joins: the cluster downs and removes it within seconds, and take
    /// says so, naming it and what it waited for, long before its --timeout; it does not wait that out.
    /// </summary>
    [Fact]
    public async Task Take_after_a_node_is_killed_names_it_and_what_it_waited_for_well_before_its_timeout()
    {
        // Of two nodes, the split-brain resolver's keep-majority keeps the one with the lower address: the seed, which survives.
        var ports = FreePorts(2).Order().ToArray();
        var seed = $"akka.tcp://snapshot@127.0.0.1:{ports[0]}";
        var nodes = new List<CliProcess>();
        try
        {
            nodes.AddRange(StartNodes(ports, seed));
            var (upExit, upOut, upErr) = await CliProcess.RunAsync(Limit, "take", "--seed-node", seed, "--min-participants", (2 * AccountsPerNode).ToString(), "--timeout", "60s");
            Assert.True(upExit == 0, $"both nodes should be up first; take exited with {upExit}:\n{upOut}\n{upErr}");

            nodes[1].Kill();
            // A --timeout far beyond the test's own limit: waiting it out fails the test.
            var (exitCode, stdout, stderr) = await CliProcess.RunAsync(Limit,
                "take", "--seed-node", seed, "--min-participants", (2 * AccountsPerNode).ToString(), "--timeout", "600s", "--json");

            Assert.True(exitCode == 1, $"take exited with {exitCode}:\n{stdout}\n{stderr}");
            Assert.Equal("", stdout);
            var error = Assert.Single(stderr.Split('\n'), line => line.StartsWith("error: "));
            Assert.StartsWith("error: no snapshot of group 'bank'", error);
            Assert.Contains($"waited for {2 * AccountsPerNode} participants of group 'bank' (--min-participants), saw ", error);
            Assert.Contains($"akka.tcp://snapshot@127.0.0.1:{ports[1]}", error);
            Assert.DoesNotContain("within 600s", error);
            Assert.DoesNotContain("   at Snapshot.Cli", stderr);
        }
        finally
        {
            foreach (var node in nodes)
                await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task Ctrl_c_on_take_while_it_waits_for_participants_prints_an_empty_report_and_exits_130()
    {
        var ports = FreePorts(1);
        var seed = $"akka.tcp://snapshot@127.0.0.1:{ports[0]}";
        var nodes = new List<CliProcess>();
        try
        {
            nodes.AddRange(StartNodes(ports, seed));
            await using var take = CliProcess.Start("take", "--seed-node", seed, "--min-participants", "1000", "--timeout", "10m", "--json");
            await take.WaitForOutputAsync("joined the cluster at", Limit);

            await take.InterruptAsync();
            var (exitCode, stdout, stderr) = await take.WaitAsync(Limit);

            InterruptTests.AssertInterrupted(exitCode, stdout, stderr);
            Assert.Contains("interrupted (Ctrl+C): waited for 1000 participants of group 'bank' (--min-participants), saw ", stderr);
            using var json = JsonDocument.Parse(stdout);
            Assert.True(json.RootElement.GetProperty("interrupted").GetBoolean());
            Assert.Empty(json.RootElement.GetProperty("snapshots").EnumerateArray());
        }
        finally
        {
            foreach (var node in nodes)
                await node.DisposeAsync();
        }
    }

    /// <summary>A <c>snapshot node</c> on each port, from the project's hocon/ files, the first one the seed.</summary>
    private static IEnumerable<CliProcess> StartNodes(int[] ports, string seed) =>
        ports.Select((port, i) => CliProcess.Start("node", "--config", Path.Combine(AppContext.BaseDirectory, "hocon", $"node{i + 1}.conf"),
            "--port", port.ToString(), "--seed-node", seed, "--accounts", AccountsPerNode.ToString(), "--seed", (i + 1).ToString()));

    /// <summary>Ports free on 127.0.0.1 now: the OS picks them, the test lets them go for the nodes to bind.</summary>
    internal static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        foreach (var listener in listeners)
            listener.Start();
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        foreach (var listener in listeners)
            listener.Stop();
        return ports;
    }
}
