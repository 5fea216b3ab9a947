using System.Diagnostics;

namespace Snapshot.Cli.Chaos;

/// <summary>
/// A chaos run: the bank on a cluster inside this process, transfers and snapshots running without pause on every
/// node, while the seed's fault schedule kills and stops accounts, drops associations and crashes nodes.
/// </summary>
public static class ChaosRun
{
    /// <param name="cancellationToken">Ctrl+C: no more faults or snapshots; the report counts those so far and says when the run was interrupted.</param>
    public static async Task<ChaosReport> RunAsync(ChaosSettings settings, Action<string> progress, CancellationToken cancellationToken)
    {
        try
        {
            return await RunOnClusterAsync(settings, progress, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            progress("interrupted while the cluster started");
            return ChaosReport.Of(settings, new SnapshotTally(), new FaultCounts()) with { InterruptedAfter = TimeSpan.Zero };
        }
    }

    private static async Task<ChaosReport> RunOnClusterAsync(ChaosSettings settings, Action<string> progress, CancellationToken cancellationToken)
    {
        progress($"seed {settings.Seed}: starting {ChaosSettings.Nodes} nodes with {ChaosSettings.AccountsPerNode} accounts each");
        var faults = new FaultCounts();
        var clock = new Stopwatch();
        FaultInjector? injector = null;
        await using var cluster = await ChaosCluster.StartAsync(settings.Seed, node =>
        {
            faults.Count(FaultCounts.NodesLostOnTheirOwn);
            progress($"{clock.Elapsed.TotalSeconds,5:0.0}s  {node} stopped without being crashed (downed by the cluster?)");
            injector?.ReplaceLost(node);
        }, cancellationToken);
        var snapshots = new SnapshotTally();
        var loops = new SnapshotLoops(cluster, snapshots, settings.Seed, progress);
        injector = new FaultInjector(cluster, loops, faults, clock, progress);
        using var faultTime = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        TimeSpan? interruptedAfter = null;
        try
        {
            foreach (var node in cluster.UpNodes)
                loops.Start(node);
            progress($"transfers and snapshots running for {DurationText.Format(settings.Duration)}, faults from the seed's schedule");
            clock.Start();
            faultTime.CancelAfter(settings.Duration);
            try
            {
                await injector.RunAsync(FaultSchedule.Generate(settings.Seed, settings.Duration), faultTime.Token);
                await Task.Delay(Timeout.Infinite, faultTime.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The run's time is up, in the middle of a fault or after the last one.
            }
            catch (OperationCanceledException)
            {
                interruptedAfter = clock.Elapsed;
            }
            progress(interruptedAfter is null ? "time is up: waiting for the snapshots in flight" : "interrupted: waiting for the snapshots in flight");
        }
        finally
        {
            await faultTime.CancelAsync();
            await injector.Replacing();
            await loops.StopAllAsync();
        }
        return ChaosReport.Of(settings, snapshots, faults) with { InterruptedAfter = interruptedAfter };
    }
}
