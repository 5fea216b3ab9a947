using Akka.Actor;
using Akka.Cluster;

namespace Snapshot.Cli.Nodes;

/// <summary>
/// How a client (<c>snapshot take</c>) joins the cluster and leaves it. Akka's <see cref="Cluster.JoinAsync"/> waits for
/// Up alone: a client the cluster downs while it joins would wait out its whole --timeout. And a client that exits before
/// the cluster has removed it stays behind as a Leaving member that then turns unreachable: the split-brain resolver
/// counts it, and with one more node lost its side can outnumber the nodes still running, which then down themselves.
/// </summary>
public static class ClientMembership
{
    /// <summary>How long leaving waits for the cluster to remove this client; only while every member is reachable can it.</summary>
    private static readonly TimeSpan RemovalLimit = TimeSpan.FromSeconds(10);

    /// <summary>Joins through <paramref name="seed"/> and waits until this client is up; fails once the cluster removes (downs) it.</summary>
    /// <exception cref="RemovedWhileJoiningException">The cluster removed this client before it was up.</exception>
    /// <exception cref="ClusterJoinFailedException"><paramref name="cancellationToken"/> fired first.</exception>
    public static async Task JoinAsync(ActorSystem system, Address seed, CancellationToken cancellationToken)
    {
        var cluster = Cluster.Get(system);
        var removed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Runs when this member is removed, as after being downed, and when the cluster extension shuts down.
        cluster.RegisterOnMemberRemoved(() => removed.TrySetResult());
        var up = cluster.JoinAsync(seed, cancellationToken);
        if (await Task.WhenAny(up, removed.Task) == removed.Task && !up.IsCompletedSuccessfully)
            throw new RemovedWhileJoiningException($"the cluster removed this client before it was up (it was downed: {DownedBy(cluster)})");
        await up;
    }

    /// <summary>
    /// Leaves and waits, up to <see cref="RemovalLimit"/>, until the cluster has removed this client. Does not wait while a
    /// member is unreachable: the cluster cannot converge to remove anyone until that member is back or downed.
    /// </summary>
    public static async Task LeaveAsync(ActorSystem system)
    {
        var cluster = Cluster.Get(system);
        if (cluster.IsTerminated || cluster.State.Unreachable.Count > 0 || !cluster.State.Members.Any(m => m.Address == cluster.SelfAddress))
            return;
        using var limit = new CancellationTokenSource(RemovalLimit);
        try
        {
            await cluster.LeaveAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            // Not removed in time: coordinated shutdown, which follows, leaves anyway.
        }
    }

    private static string DownedBy(Cluster cluster) =>
        cluster.State.Unreachable.Count == 0
            ? "no member was unreachable to it"
            : $"it saw {string.Join(", ", cluster.State.Unreachable.Select(m => m.Address.ToString()).Order(StringComparer.Ordinal))} unreachable";

    /// <summary>The cluster removed (downed) this client while it joined: it will not be up.</summary>
    public sealed class RemovedWhileJoiningException(string message) : Exception(message);
}
