using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Snapshot.Cli.Nodes;

namespace Snapshot.Cli.Chaos.Processes;

/// <summary>
/// A chaos run over real processes: <see cref="NodeProcessCluster.Nodes"/> <c>snapshot node</c> processes hosting the
/// bank, and this process as a client node of their cluster taking snapshots without pause, while the seed's schedule
/// kills (kill -9), freezes (SIGSTOP, then SIGCONT) and interrupts (SIGINT: a graceful leave) node processes, starting
/// a new one in place of each that went. Every node process started is killed by id when the run ends, however it ends.
/// </summary>
public static class ProcessChaosRun
{
    // - The client ends after its nodes were killed: leaving a cluster with nobody left would wait out its timeouts.
    // - Nodes going unreachable and connections refused are the faults themselves: only errors are logged, less
    //   those remoting logs for the associations to a node process the run killed.
    private static readonly Config ClientConfig = ConfigurationFactory.ParseString($"""
        akka.loglevel = ERROR
        akka.loggers = {ChaosLogger.ConfigValue}
        akka.coordinated-shutdown.run-by-actor-system-terminate = off
        """);

    /// <param name="config">The HOCON file every node process starts with, its port and seed node overridden; the client uses its settings too.</param>
    /// <exception cref="UsageException">Signals are not available here, or the file is not a node's.</exception>
    /// <exception cref="NodeProcessException">A node process did not join.</exception>
    public static async Task<ProcessChaosReport> RunAsync(ChaosSettings settings, string config, Action<string> progress, CancellationToken cancellationToken)
    {
        if (!PosixSignal.Supported)
            throw new UsageException("--processes", "needs Linux or macOS: it freezes and interrupts node processes with signals");
        var system = NodeConfig.Start(config, ClientConfig.WithFallback(TakeCommand.ClientOverrides).WithFallback(NodeConfig.Load(config, port: null, seedNode: null)));
        var processes = new NodeProcesses();
        try
        {
            return await RunAsync(system, processes, settings, config, progress, cancellationToken);
        }
        finally
        {
            // The nodes first: the client leaving a cluster of frozen or dying nodes would wait for them.
            await processes.DisposeAsync();
            await system.Terminate();
        }
    }

    private static async Task<ProcessChaosReport> RunAsync(ActorSystem system, NodeProcesses processes, ChaosSettings settings, string config, Action<string> progress, CancellationToken cancellationToken)
    {
        var cluster = Cluster.Get(system);
        // The client founds the cluster, and every node, first or replacement, joins through it: it never fails.
        await cluster.JoinAsync(cluster.SelfAddress, cancellationToken);
        progress($"seed {settings.Seed}: client {cluster.SelfAddress} starting {NodeProcessCluster.Nodes} node processes with {ChaosSettings.AccountsPerNode} accounts each");
        var clock = new Stopwatch();
        var groupChanges = new GroupChanges();
        var faults = new ProcessFaultCounts();
        var nodes = new NodeProcessCluster(system, config, settings.Seed, processes, groupChanges, faults, clock, progress);
        await nodes.StartAsync(cancellationToken);
        var snapshots = new SnapshotTally();
        progress($"snapshots running for {DurationText.Format(settings.Duration)}, faults from the seed's schedule");
        clock.Start();
        var loop = ClientSnapshotLoop.Start(system, snapshots, groupChanges, settings.Seed, progress);
        try
        {
            // A fault that starts in time is seen through, its node replaced, even past the duration: the run ends
            // with a whole cluster. None starts in the last seconds.
            foreach (var fault in ProcessFaultSchedule.Generate(settings.Seed))
            {
                if (clock.Elapsed + fault.Pause > settings.Duration - FaultSchedule.QuietEnd)
                    break;
                await Task.Delay(fault.Pause, cancellationToken);
                await nodes.RepairAsync(cancellationToken);
                await nodes.InjectAsync(fault, cancellationToken);
            }
            if (settings.Duration - clock.Elapsed is { Ticks: > 0 } rest)
                await Task.Delay(rest, cancellationToken);
            progress("time is up: waiting for the snapshot in flight");
        }
        finally
        {
            await loop.StopAsync();
        }
        return ProcessChaosReport.Of(settings, snapshots, faults, loop.Rebased);
    }
}
