using System.Net;
using System.Net.Sockets;

namespace Snapshot.Tests.Cli;

/// <summary>
/// <c>snapshot node</c> on a port something already listens on: one error line naming the address and port, exit
/// code 2, where a second node used to share the port with the first (DotNetty binds with address reuse) and another
/// program's port ended the node with five nested exceptions.
/// </summary>
public sealed class PortInUseTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    private static string Expected(int port) =>
        $"127.0.0.1:{port} is already in use by another process (a node started before?): stop it, or give this node another --port";

    [Fact]
    public async Task A_port_another_program_listens_on_is_refused()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var config = _files.Write("node.conf", "akka.actor.provider = cluster\nakka.remote.dot-netty.tcp.hostname = \"127.0.0.1\"\n");

            var (exitCode, stdout, stderr) = await CliProcess.RunAsync(Limit, "node", "--config", config, "--port", port.ToString(), "--accounts", "0");

            Assert.Equal(Expected(port), new CliRun(exitCode, stdout, stderr).AssertBadInput("--port", null));
            Assert.Equal("", stdout);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task A_second_node_on_the_port_of_the_first_is_refused()
    {
        var port = ClusterProcessTests.FreePorts(1)[0];
        var config = _files.Write("node.conf", $$"""
            akka.actor.provider = cluster
            akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = {{port}} }
            akka.cluster.seed-nodes = ["akka.tcp://snapshot@127.0.0.1:{{port}}"]
            """);
        await using var first = CliProcess.Start("node", "--config", config, "--accounts", "0");
        await UntilListeningAsync(first, port);

        var (exitCode, stdout, stderr) = await CliProcess.RunAsync(Limit, "node", "--config", config, "--accounts", "0");

        Assert.Equal(Expected(port), new CliRun(exitCode, stdout, stderr).AssertBadInput("--config", null));
        Assert.Equal("", stdout);
    }

    /// <summary>The node prints its address once its remoting listens.</summary>
    private static async Task UntilListeningAsync(CliProcess node, int port)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!node.Stdout.Contains($"node akka.tcp://snapshot@127.0.0.1:{port}"))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the first node did not start within {Limit}:\n{node.Stdout}\n{node.Stderr}");
            await Task.Delay(100);
        }
    }
}
