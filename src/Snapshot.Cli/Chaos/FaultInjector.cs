using System.Diagnostics;
using Akka.Cluster;

namespace Snapshot.Cli.Chaos;

/// <summary>
/// Injects a <see cref="FaultSchedule"/> into a <see cref="ChaosCluster"/>, one fault after the other, each at its
/// time or, when the injector runs late, a moment after the previous one: never a burst of faults at once, which no
/// cluster is meant to survive (a link dropped again and again makes the split brain resolver down live nodes).
/// A crashed node, or one the cluster downed on its own, is replaced in the background (the cluster takes seconds
/// to remove it), and the next crash or dropped association waits for that.
/// </summary>
public sealed class FaultInjector(ChaosCluster cluster, SnapshotLoops loops, FaultCounts faults, Stopwatch clock, Action<string> progress)
{
    private static readonly TimeSpan Spacing = TimeSpan.FromSeconds(1);

    /// <summary>A dropped association takes about a second to come back, and the failure detector a few more to trust it again.</summary>
    private static readonly TimeSpan DropSpacing = TimeSpan.FromSeconds(4);

    private readonly object _gate = new();
    private Task _replacing = Task.CompletedTask;
    private CancellationToken _running = new(canceled: true);
    private TimeSpan _lastFault = -Spacing;
    private TimeSpan _lastDrop = -DropSpacing;

    /// <summary>Injects the faults until the schedule or <paramref name="cancellationToken"/> ends; nodes are replaced until the latter.</summary>
    public async Task RunAsync(FaultSchedule schedule, CancellationToken cancellationToken)
    {
        _running = cancellationToken;
        foreach (var fault in schedule.Faults)
        {
            var notBefore = Later(fault.At, _lastFault + Spacing);
            if (fault.Kind == FaultKind.DropAssociation)
                notBefore = Later(notBefore, _lastDrop + DropSpacing);
            if (notBefore - clock.Elapsed is { Ticks: > 0 } wait)
                await Task.Delay(wait, cancellationToken);
            await InjectAsync(fault, cancellationToken);
            _lastFault = clock.Elapsed;
        }
    }

    /// <summary>Replaces a node the cluster downed on its own, as if the run had crashed it.</summary>
    public void ReplaceLost(ChaosNode lost) => ReplaceInBackground(lost, _running);

    /// <summary>Completes once the nodes being replaced have joined, or their replacement was cancelled.</summary>
    public Task Replacing()
    {
        lock (_gate)
            return _replacing;
    }

    private async Task InjectAsync(ScheduledFault fault, CancellationToken cancellationToken)
    {
        switch (fault.Kind)
        {
            case FaultKind.RestartParticipant when cluster.Accounts is { Count: > 0 } accounts:
            {
                var account = ScheduledFault.Pick(accounts, fault.Target);
                if (fault.WhileRecording && loops.FailNextInitiator(account))
                    Say($"{account} fails right after it records for the next snapshot it initiates; its supervisor restarts it");
                else
                {
                    ChaosCluster.Restart(account);
                    Say($"killed {account}; its supervisor restarts it");
                }
                faults.Count(FaultCounts.ParticipantRestarts);
                break;
            }
            case FaultKind.StopParticipant when cluster.Accounts is { Count: > 0 } accounts:
            {
                var account = ScheduledFault.Pick(accounts, fault.Target);
                var opened = await cluster.ReplaceAsync(account, fault.WhileRecording, ScheduledFault.Pick(cluster.UpNodes, fault.Other), cancellationToken);
                faults.Count(FaultCounts.ParticipantStops);
                Say($"{(fault.WhileRecording ? $"{account} stops right after it next records" : $"stopped {account}")}; opened {opened}");
                break;
            }
            case FaultKind.DropAssociation:
            {
                // While the cluster still decides about a crashed node, a dropped link can make the split brain
                // resolver down live nodes: a drop waits for the crashed node to be replaced.
                await Replacing();
                cancellationToken.ThrowIfCancellationRequested();
                var nodes = cluster.UpNodes;
                if (nodes.Count < 2)
                    break;
                var one = ScheduledFault.Pick(nodes, fault.Target);
                var other = ScheduledFault.Pick([.. nodes.Where(n => n != one)], fault.Other);
                await ChaosCluster.DropAssociationAsync(one, other);
                _lastDrop = clock.Elapsed;
                faults.Count(FaultCounts.AssociationDrops);
                Say($"dropped the association between {one} and {other}");
                break;
            }
            case FaultKind.CrashNode:
            {
                await Replacing();
                cancellationToken.ThrowIfCancellationRequested();
                // The first node stays: new nodes join through it, and the survivors of a crash must be a majority.
                var candidates = cluster.UpNodes.Skip(1).ToArray();
                if (candidates.Length < ChaosSettings.Nodes - 1)
                    break;
                var node = ScheduledFault.Pick(candidates, fault.Target);
                await loops.StopAsync(node);
                await cluster.CrashAsync(node);
                faults.Count(FaultCounts.NodeCrashes);
                Say($"crashed {node} (terminated without leaving the cluster)");
                ReplaceInBackground(node, cancellationToken);
                break;
            }
        }
    }

    private void ReplaceInBackground(ChaosNode gone, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var before = _replacing;
            _replacing = Task.Run(async () =>
            {
                await before;
                await ReplaceAsync(gone, cancellationToken);
            });
        }
    }

    private async Task ReplaceAsync(ChaosNode crashed, CancellationToken cancellationToken)
    {
        try
        {
            if (await cluster.WaitUntilRemovedAsync(crashed, cancellationToken) is { } removedAfter)
            {
                faults.NodeRemovedAfter(removedAfter);
                Say($"the cluster downed and removed {crashed} after {removedAfter.TotalSeconds:0.0}s");
            }
            else
            {
                faults.Count(FaultCounts.NodesNotRemoved);
                Say($"the cluster still lists {crashed}; going on without it");
            }
            var node = await cluster.AddNodeAsync(cancellationToken);
            loops.Start(node);
            faults.Count(FaultCounts.NodeJoins);
            Say($"{node} joined with {string.Join(", ", cluster.AccountsOpenedOn(node).Select(a => a.Name))}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over; the node, if it started, stops with the cluster.
        }
        catch (ClusterJoinFailedException e)
        {
            faults.Count(FaultCounts.NodeJoinFailures);
            Say($"a new node could not join: {e.Message}");
        }
    }

    private static TimeSpan Later(TimeSpan one, TimeSpan other) => one > other ? one : other;

    private void Say(string what) => progress($"{clock.Elapsed.TotalSeconds,5:0.0}s  {what}");
}
