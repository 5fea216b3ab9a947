using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Akka.Remote.Transport;
using Snapshot.Cli.Bank;
using Snapshot.Cli.Demo;
using Snapshot.Runtime;

namespace Snapshot.Cli.Chaos;

/// <summary>
/// The cluster of a chaos run: nodes named <c>snapshot</c> on 127.0.0.1 inside this process, talking over real
/// remoting, with the means to break them. The first node is the one others join through and is never crashed.
/// </summary>
public sealed class ChaosCluster : IAsyncDisposable
{
    /// <summary>How long the cluster may take to down and remove a crashed node before the run goes on without waiting.</summary>
    private static readonly TimeSpan RemovalLimit = TimeSpan.FromSeconds(30);

    /// <summary>How long a new node may take to be up on every node before the run goes on without it.</summary>
    private static readonly TimeSpan JoinLimit = TimeSpan.FromSeconds(15);

    // - A node stops without leaving: ActorSystem.Terminate must not run CoordinatedShutdown, which would leave.
    // - Nodes gossip and the leader acts every 300ms (default 1s): joining and removing take less of a short run.
    // - The split brain resolver downs an unreachable node two seconds after the cluster last changed (default 20s);
    //   a flapping link must not make it down every node. Failure detection takes about three seconds, long enough
    //   for a dropped association to come back on two busy cores.
    // - The throttler adapter (trttl) can fail associations on command; after one fails its address is gated for
    //   a second (default 5s), so that a dropped link comes back before the failure detector gives up on it.
    // - Faults make remoting and the snapshot extension warn at every turn, and remoting log errors: the run counts
    //   and reports what they are about, and only errors it did not cause are logged. Nothing is logged while a node
    //   terminates (stdout-loglevel): a crashed node's remoting stops before its actors do.
    private static readonly Config NodeConfig = CliAkkaConfig.LoopbackClusterNode($$"""
        loglevel = ERROR
        stdout-loglevel = OFF
        loggers = {{ChaosLogger.ConfigValue}}
        coordinated-shutdown.run-by-actor-system-terminate = off
        remote {
          retry-gate-closed-for = 1s
          dot-netty.tcp.applied-adapters = [trttl]
        }
        cluster {
          periodic-tasks-initial-delay = 200ms
          gossip-interval = 300ms
          leader-actions-interval = 300ms
          failure-detector { heartbeat-interval = 500ms, acceptable-heartbeat-pause = 3s }
          split-brain-resolver { stable-after = 2s, down-all-when-unstable = off }
        }
        """);

    private readonly object _gate = new();
    private readonly List<ChaosNode> _nodes = [];
    private readonly List<AccountHandle> _accounts = [];
    private readonly int _seed;
    private readonly Action<ChaosNode> _lostOnItsOwn;
    private int _accountsOpened;

    private ChaosCluster(int seed, Action<ChaosNode> lostOnItsOwn)
    {
        _seed = seed;
        _lostOnItsOwn = lostOnItsOwn;
    }

    /// <summary>Nodes that are up, in the order they joined.</summary>
    public IReadOnlyList<ChaosNode> UpNodes
    {
        get { lock (_gate) return [.. _nodes.Where(n => n.IsUp)]; }
    }

    /// <summary>Open accounts on nodes that are up.</summary>
    public IReadOnlyList<AccountHandle> Accounts
    {
        get { lock (_gate) return [.. _accounts.Where(a => a.Home.IsUp)]; }
    }

    /// <summary>
    /// The accounts opened on <paramref name="node"/> and not closed, whether or not it is still up: a node the cluster
    /// downs right after it joined still joined with them.
    /// </summary>
    public IReadOnlyList<AccountHandle> AccountsOpenedOn(ChaosNode node)
    {
        lock (_gate)
            return [.. _accounts.Where(a => a.Home == node)];
    }

    /// <summary><paramref name="account"/> as <paramref name="from"/> reaches it: through remoting when it lives elsewhere.</summary>
    public static IActorRef Reach(ChaosNode from, AccountHandle account) => LocalCluster.Reach(from.System, account.Home.System, account.Ref);

    /// <param name="lostOnItsOwn">Called when a node the run did not crash stops, such as one the cluster downed.</param>
    public static async Task<ChaosCluster> StartAsync(int seed, Action<ChaosNode> lostOnItsOwn, CancellationToken cancellationToken)
    {
        var cluster = new ChaosCluster(seed, lostOnItsOwn);
        try
        {
            // The first node joins itself; the others join through it, together.
            await cluster.AddNodeAsync(cancellationToken);
            await Task.WhenAll(Enumerable.Range(1, ChaosSettings.Nodes - 1).Select(_ => cluster.AddNodeAsync(cancellationToken)));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts a node, joins it to the cluster, opens its accounts and its payer, and tells every payer about them.</summary>
    public async Task<ChaosNode> AddNodeAsync(CancellationToken cancellationToken)
    {
        ChaosNode node;
        Address joinThrough;
        lock (_gate)
        {
            node = new ChaosNode(_nodes.Count + 1, ActorSystem.Create(LocalCluster.SystemName, NodeConfig));
            joinThrough = _nodes.FirstOrDefault(n => n.IsUp)?.Address ?? node.Address;
            _nodes.Add(node);
        }
        try
        {
            await Cluster.Get(node.System).JoinAsync(joinThrough, cancellationToken);
            await WaitUntilAllSeeUpAsync(node, cancellationToken);
        }
        catch
        {
            node.Crashed = true;
            await node.System.Terminate();
            throw;
        }
        await Task.WhenAll(Enumerable.Range(0, ChaosSettings.AccountsPerNode).Select(_ => OpenAccountAsync(node, cancellationToken)));
        node.Payer = node.System.ActorOf(ChaosPayer.Props([], _seed * 1000 + node.Number), "payer");
        _ = node.System.WhenTerminated.ContinueWith(_ =>
        {
            if (!node.Crashed)
                _lostOnItsOwn(node);
            UpdatePayers();
        }, TaskScheduler.Default);
        UpdatePayers();
        return node;
    }

    /// <summary>Kills the account: its supervisor restarts it, with the ledger its Props hold.</summary>
    public static void Restart(AccountHandle account) => account.Ref.Tell(Kill.Instance);

    /// <summary>
    /// Stops <paramref name="account"/> for good, at once or right after it next records for a snapshot, and opens a
    /// new account on <paramref name="home"/>. Payers stop paying it at once.
    /// </summary>
    public async Task<AccountHandle> ReplaceAsync(AccountHandle account, bool whileRecording, ChaosNode home, CancellationToken cancellationToken)
    {
        lock (_gate)
            _accounts.Remove(account);
        if (whileRecording)
            account.Ref.Tell(new BreakWhileRecording(StopForGood: true));
        else
            account.Home.Branch.Tell(new Branch.Close(account.Name));
        var opened = await OpenAccountAsync(home, cancellationToken);
        UpdatePayers();
        return opened;
    }

    /// <summary>
    /// Drops the association between two nodes on both sides, as a connection reset does: what was in it is lost,
    /// both sides gate the other's address, then associate anew. Akka.NET's throttler fails only the side told and
    /// leaves the connection open, so one side alone would make a link the other side keeps writing into unheard.
    /// Even told both sides, now and then one side goes on writing into the old connection: the failure detector
    /// then marks the pair unreachable and the split brain resolver downs both (a node lost on its own).
    /// </summary>
    public static async Task DropAssociationAsync(ChaosNode one, ChaosNode other) =>
        await Task.WhenAll(
            one.Transport.ManagementCommand(new ForceDisassociateExplicitly(other.Address, DisassociateInfo.Unknown)),
            other.Transport.ManagementCommand(new ForceDisassociateExplicitly(one.Address, DisassociateInfo.Unknown)));

    /// <summary>
    /// Stops <paramref name="node"/> abruptly: its links go silent, then its ActorSystem terminates without leaving
    /// the cluster, and the others learn of it only by their failure detectors.
    /// </summary>
    public async Task CrashAsync(ChaosNode node)
    {
        node.Crashed = true;
        UpdatePayers();
        var others = UpNodes;
        await Task.WhenAll(others.Select(other => node.Transport.ManagementCommand(
            new SetThrottle(other.Address, ThrottleTransportAdapter.Direction.Both, Blackhole.Instance))));
        await node.System.Terminate();
    }

    /// <summary>Waits until no node that is up lists <paramref name="crashed"/> as a member; null when that takes longer than the limit.</summary>
    public async Task<TimeSpan?> WaitUntilRemovedAsync(ChaosNode crashed, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (UpNodes.Any(n => Cluster.Get(n.System).State.Members.Any(m => m.Address == crashed.Address)))
        {
            if (waited.Elapsed > RemovalLimit)
                return null;
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
        return waited.Elapsed;
    }

    /// <summary>
    /// Stops the accounts and payers, then terminates every node at once without leaving: the run is over and nothing
    /// needs the cluster any more. Accounts stopped first do not try to send through remoting that is shutting down.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        ChaosNode[] nodes;
        lock (_gate)
            nodes = [.. _nodes];
        var running = nodes.Where(n => !n.System.WhenTerminated.IsCompleted).ToArray();
        foreach (var node in nodes)
            node.Crashed = true;
        await Task.WhenAll(running.SelectMany(n => new[] { n.Branch, n.Payer }).OfType<IActorRef>().Select(StopAsync));
        await Task.WhenAll(nodes.Select(n => n.System.Terminate()));
    }

    private static async Task StopAsync(IActorRef actor)
    {
        try
        {
            await actor.GracefulStop(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is TaskCanceledException or AskTimeoutException)
        {
            // Still stopping: terminating its system stops it.
        }
    }

    private async Task<AccountHandle> OpenAccountAsync(ChaosNode home, CancellationToken cancellationToken)
    {
        var name = $"account-{Interlocked.Increment(ref _accountsOpened)}";
        var account = await home.Branch.Ask<IActorRef>(new Branch.Open(name, new AccountLedger(ChaosSettings.OpeningBalance)), cancellationToken);
        var handle = new AccountHandle(name, home, account);
        int onHome;
        lock (_gate)
        {
            _accounts.Add(handle);
            onHome = _accounts.Count(a => a.Home == home);
        }
        // Accounts register with the snapshot extension as they start: the next snapshot must know this one.
        await GlobalSnapshots.Get(home.System).WaitForLocalParticipantsAsync(onHome, ChaosAccount.Group, cancellationToken);
        return handle;
    }

    /// <summary>
    /// Waits until every node that is up sees <paramref name="joined"/> up: a node crashed before they all count the
    /// new one might leave survivors that are no majority, and the split brain resolver would down them.
    /// </summary>
    private async Task WaitUntilAllSeeUpAsync(ChaosNode joined, CancellationToken cancellationToken)
    {
        // A member left unreachable (a half-open dropped link, say) keeps the cluster from moving anyone up: the
        // run goes on without the new node rather than stop injecting faults behind it.
        var waited = Stopwatch.StartNew();
        while (UpNodes.Any(n => !Cluster.Get(n.System).State.Members.Any(m => m.Address == joined.Address && m.Status == MemberStatus.Up)))
        {
            if (waited.Elapsed > JoinLimit)
                throw new ClusterJoinFailedException($"{joined} was not up on every node after {JoinLimit.TotalSeconds:0}s");
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }

    /// <summary>Tells every payer the open accounts, each as the payer's node reaches it.</summary>
    private void UpdatePayers()
    {
        var accounts = Accounts;
        foreach (var node in UpNodes)
            node.Payer!.Tell(new UseAccounts([.. accounts.Select(a => Reach(node, a))]));
    }
}
