namespace Snapshot.Cli.Chaos.Processes;

/// <summary>
/// Every node process a run started, alive or not. Disposing it kills, by id, each one still running: however the run
/// ends (time up, a failure, Ctrl+C), it leaves no process behind.
/// </summary>
public sealed class NodeProcesses : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly List<NodeProcess> _started = [];

    /// <summary>Starts a node process and keeps it, so that it is stopped with the others.</summary>
    public NodeProcess Start(int number, string config, int port, Akka.Actor.Address seedNode, int accounts, int seed)
    {
        lock (_gate)
        {
            var process = NodeProcess.Start(number, config, port, seedNode, accounts, seed);
            _started.Add(process);
            return process;
        }
    }

    public async ValueTask DisposeAsync()
    {
        NodeProcess[] started;
        lock (_gate)
            started = [.. _started];
        await Task.WhenAll(started.Select(p => p.StopAsync()));
    }
}
