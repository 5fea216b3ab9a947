using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Cluster;
using Snapshot.Cli.Bank;
using Snapshot.Runtime;

namespace Snapshot.Cli.Chaos.Processes;

/// <summary>
/// The node processes of a process chaos run, on loopback ports picked for them, all joining the cluster through the
/// client node (the one member that never fails), with the means to kill, freeze and interrupt them and to start new
/// ones in their place. Used by one fault loop at a time.
/// </summary>
public sealed class NodeProcessCluster(ActorSystem client, string config, int seed, NodeProcesses processes, GroupChanges groupChanges, ProcessFaultCounts counts, Stopwatch clock, Action<string> progress)
{
    public const int Nodes = ChaosSettings.Nodes;

    /// <summary>A process start (the .NET runtime, then joining) on two busy cores.</summary>
    private static readonly TimeSpan JoinLimit = TimeSpan.FromSeconds(60);

    /// <summary>Failure detection and the split brain resolver's five seconds of stability, with room on busy cores.</summary>
    private static readonly TimeSpan RemovalLimit = TimeSpan.FromSeconds(60);

    /// <summary>How long a node may take to leave and exit after SIGINT before it is killed.</summary>
    private static readonly TimeSpan LeaveLimit = TimeSpan.FromSeconds(30);

    /// <summary>How long a thawed node may take to be reachable again before the run checks whether it was downed.</summary>
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(100);

    private const int StartAttempts = 3;

    private readonly Cluster _cluster = Cluster.Get(client);
    private readonly List<NodeProcess> _live = [];
    private int _started;

    /// <summary>Starts <see cref="Nodes"/> node processes and waits until their accounts are all in the group.</summary>
    /// <exception cref="NodeProcessException">One did not join.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var starting = Enumerable.Range(0, Nodes).Select(_ => Launch()).ToArray();
        foreach (var node in starting)
        {
            if (!await JoinedAsync(node, cancellationToken))
                throw new NodeProcessException($"{node} did not join the cluster within {DurationText.Format(JoinLimit)}: {node.LastLines}");
            _live.Add(node);
        }
    }

    public async Task InjectAsync(ProcessFault fault, CancellationToken cancellationToken)
    {
        var target = ScheduledFault.Pick(_live, fault.Target);
        switch (fault.Kind)
        {
            case ProcessFaultKind.Kill:
                _live.Remove(target);
                groupChanges.Changing(target.Exited);
                counts.Injected(ProcessFaultCounts.Killed);
                Progress($"kill -9 {target}");
                target.Kill();
                await RemovedAsync(target, cancellationToken, crashed: true);
                await ReplaceAsync(target, cancellationToken);
                break;
            case ProcessFaultKind.Leave:
                _live.Remove(target);
                groupChanges.Changing(target.Exited);
                counts.Injected(ProcessFaultCounts.Left);
                Progress($"SIGINT {target}: it leaves the cluster");
                target.Interrupt();
                if (await Task.WhenAny(target.Exited, Task.Delay(LeaveLimit, cancellationToken)) != target.Exited)
                {
                    counts.Unplanned(ProcessFaultCounts.LeavesNotFinished);
                    Progress($"{target} had not exited {DurationText.Format(LeaveLimit)} after SIGINT: killed");
                    target.Kill();
                }
                await RemovedAsync(target, cancellationToken, crashed: false);
                await ReplaceAsync(target, cancellationToken);
                break;
            case ProcessFaultKind.Freeze:
                counts.Injected(ProcessFaultCounts.Frozen);
                Progress($"SIGSTOP {target} for {fault.FrozenFor.TotalSeconds:0.0}s");
                target.Freeze();
                try
                {
                    await Task.Delay(fault.FrozenFor, cancellationToken);
                }
                finally
                {
                    target.Thaw();
                }
                Progress($"SIGCONT {target}");
                await Poll(() => IsUp(target) && !_cluster.State.Unreachable.Any(m => m.Address.Port == target.Address.Port), RecoveryLimit, cancellationToken);
                break;
        }
        await RepairAsync(cancellationToken);
    }

    /// <summary>
    /// Replaces every node process that exited, or that the cluster downed, without the run asking: a freeze that
    /// outlasted the failure detector and the split brain resolver, say. A downed node's process is killed.
    /// </summary>
    public async Task RepairAsync(CancellationToken cancellationToken)
    {
        foreach (var lost in _live.Where(node => !IsUp(node)).ToArray())
        {
            _live.Remove(lost);
            groupChanges.Changing(lost.Exited);
            if (lost.HasExited)
            {
                counts.Unplanned(ProcessFaultCounts.ExitedOnTheirOwn);
                Progress($"{lost} exited on its own: {lost.LastLines}");
            }
            else
            {
                counts.Unplanned(ProcessFaultCounts.DownedOnTheirOwn);
                Progress($"{lost} is no longer a member of the cluster (downed?): killed");
                lost.Kill();
            }
            await RemovedAsync(lost, cancellationToken, crashed: false);
            await ReplaceAsync(lost, cancellationToken);
        }
    }

    /// <param name="crashed">Killed by the run: how long the cluster took to remove it is reported.</param>
    private async Task RemovedAsync(NodeProcess node, CancellationToken cancellationToken, bool crashed)
    {
        var since = clock.Elapsed;
        if (await Poll(() => !_cluster.State.Members.Any(m => m.Address.Port == node.Address.Port), RemovalLimit, cancellationToken))
        {
            if (crashed)
                counts.NodeRemovedAfter(clock.Elapsed - since);
        }
        else
            counts.Unplanned(ProcessFaultCounts.NotRemoved);
        groupChanges.Changed();
    }

    private async Task ReplaceAsync(NodeProcess gone, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= StartAttempts; attempt++)
        {
            var node = Launch();
            Progress($"started {node} in place of node {gone.Number}");
            var joined = JoinedAsync(node, cancellationToken);
            groupChanges.Changing(joined);
            if (await joined)
            {
                counts.Injected(ProcessFaultCounts.Restarted);
                _live.Add(node);
                return;
            }
            counts.Unplanned(ProcessFaultCounts.StartsNotJoined);
            Progress($"{node} did not join within {DurationText.Format(JoinLimit)}: {node.LastLines}");
            groupChanges.Changing(node.Exited);
            await node.StopAsync();
        }
        throw new NodeProcessException($"no node process joined in place of node {gone.Number} in {StartAttempts} attempts");
    }

    private NodeProcess Launch()
    {
        var number = ++_started;
        return processes.Start(number, config, FreePort(), _cluster.SelfAddress, ChaosSettings.AccountsPerNode, unchecked(seed * 31 + number));
    }

    /// <summary>Whether the node's accounts are all in the group, as the client's coordinator lists it, within <see cref="JoinLimit"/>.</summary>
    private async Task<bool> JoinedAsync(NodeProcess node, CancellationToken cancellationToken) =>
        await PollAsync(async () => node.HasExited || await HasAllAccountsAsync(node, cancellationToken), JoinLimit, cancellationToken) && !node.HasExited;

    private async Task<bool> HasAllAccountsAsync(NodeProcess node, CancellationToken cancellationToken)
    {
        try
        {
            var participants = await GlobalSnapshots.Get(client).ParticipantsAsync(BankAccount.Group, cancellationToken);
            return participants.Count(p => p.Path.Address.Port == node.Address.Port) >= ChaosSettings.AccountsPerNode;
        }
        catch (Exception e) when (e is SnapshotFailedException or AskTimeoutException)
        {
            // A node of the group is unreachable or leaving: ask again.
            return false;
        }
    }

    private bool IsUp(NodeProcess node) =>
        !node.HasExited && _cluster.State.Members.Any(m => m.Address.Port == node.Address.Port && m.Status is MemberStatus.Up or MemberStatus.WeaklyUp);

    private static Task<bool> Poll(Func<bool> condition, TimeSpan limit, CancellationToken cancellationToken) =>
        PollAsync(() => Task.FromResult(condition()), limit, cancellationToken);

    /// <returns>Whether <paramref name="condition"/> held before <paramref name="limit"/>.</returns>
    private static async Task<bool> PollAsync(Func<Task<bool>> condition, TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > limit)
                return false;
            await Task.Delay(PollEvery, cancellationToken);
        }
        return true;
    }

    /// <summary>A port free on 127.0.0.1 now: the OS picks it, and it is let go for the node to bind.</summary>
    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private void Progress(string line) => progress($"{clock.Elapsed.TotalSeconds,5:0.0}s  {line}");
}
