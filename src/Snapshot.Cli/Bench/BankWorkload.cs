using System.Diagnostics;
using Akka.Actor;
using Snapshot.Cli.Demo;
using Snapshot.Runtime;

namespace Snapshot.Cli.Bench;

/// <summary>
/// The bank transfer workload: K accounts paying each other with <c>Tell</c>. The accounts start chains of payments,
/// and each pays every payment it receives on to an account it picks at random, on any node. Either in an ActorSystem of its
/// own (plain accounts or participants), or as participants spread over a <see cref="LocalCluster"/>, where most
/// payments cross remoting on the channel the markers take. Each run re-opens the same accounts; the time and the
/// bytes allocated are measured from the first payment to the end of the last chain.
/// </summary>
public sealed class BankWorkload : IAsyncDisposable
{
    public const string Group = "bench-bank";

    /// <summary>Chains each account starts in one ActorSystem: 4 keep both cores busy.</summary>
    public const int LocalChainsPerAccount = 4;

    /// <summary>Chains each account starts on a cluster: a hop between nodes takes far longer, so more chains keep remoting busy.</summary>
    public const int RemoteChainsPerAccount = 16;

    /// <summary>
    /// Most chains on a cluster: those of 1,000 accounts already keep both cores busy; more would only make the payments
    /// wait longer in the mailboxes, not move more money.
    /// </summary>
    public const int MaxRemoteChains = 16_000;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan SnapshotTimeout = TimeSpan.FromSeconds(20);

    private readonly IReadOnlyList<ActorSystem> _nodes;
    private readonly IActorRef[] _accounts;
    private readonly IReadOnlyList<IActorRef>[] _reach;
    private readonly HashSet<string> _accountNames;
    private readonly Func<ValueTask> _stop;

    private BankWorkload(IReadOnlyList<ActorSystem> nodes, IActorRef[] accounts, IReadOnlyList<IActorRef>[] reach, int chains, Func<ValueTask> stop)
    {
        _nodes = nodes;
        _accounts = accounts;
        _reach = reach;
        _accountNames = [.. accounts.Select(account => account.Path.Name)];
        Chains = chains;
        _stop = stop;
    }

    public int Nodes => _nodes.Count;

    /// <summary>The ActorSystems the accounts live on: one, or the cluster's nodes.</summary>
    public IReadOnlyList<ActorSystem> Systems => _nodes;

    public int Accounts => _accounts.Length;

    /// <summary>Payment chains in flight during a run, over all the accounts.</summary>
    public int Chains { get; }

    /// <summary>The money every snapshot must find: what the accounts open with.</summary>
    public long ExpectedTotal => Accounts * AccountBook.OpeningBalance;

    /// <summary><paramref name="accounts"/> accounts in one ActorSystem.</summary>
    public static async Task<BankWorkload> StartAsync(AccountKind kind, int accounts)
    {
        var system = ActorSystem.Create("bench", CliAkkaConfig.Quiet);
        return await StartAsync(kind, [system], accounts, accounts * LocalChainsPerAccount, async () => await system.Terminate());
    }

    /// <summary>A cluster of <paramref name="nodes"/> ActorSystems on loopback, <paramref name="accounts"/> participant accounts dealt out over them.</summary>
    public static async Task<BankWorkload> StartRemoteAsync(int nodes, int accounts, CancellationToken cancellationToken)
    {
        var cluster = await LocalCluster.StartAsync(nodes, cancellationToken);
        try
        {
            return await StartAsync(AccountKind.Participant, cluster.Nodes, accounts, RemoteChains(accounts), cluster.DisposeAsync);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private static async Task<BankWorkload> StartAsync(AccountKind kind, IReadOnlyList<ActorSystem> nodes, int count, int chains, Func<ValueTask> stop)
    {
        var props = kind == AccountKind.Plain ? Props.Create(() => new PlainAccount()) : Props.Create(() => new ParticipantAccount(Group));
        // Account i lives on node i mod N; the driver keeps the refs ActorOf returned, local to each account's node.
        var accounts = Enumerable.Range(0, count).Select(i => nodes[i % nodes.Count].ActorOf(props, $"account-{i}")).ToArray();
        // The accounts an account pays, as its node reaches them: through remoting when they live elsewhere.
        var views = nodes.Select(node => (IReadOnlyList<IActorRef>)[.. accounts.Select((account, j) => LocalCluster.Reach(node, nodes[j % nodes.Count], account))]).ToArray();
        if (kind == AccountKind.Participant)
            await WaitForParticipantsAsync(nodes, count);
        return new BankWorkload(nodes, accounts, [.. accounts.Select((_, i) => views[i % nodes.Count])], chains, stop);
    }

    /// <summary>
    /// Waits until every node lists every account: each registers on its own node as it starts, and a node may hear
    /// of another node's accounts a moment after the cluster formed.
    /// </summary>
    private static async Task WaitForParticipantsAsync(IReadOnlyList<ActorSystem> nodes, int count)
    {
        await Task.WhenAll(nodes.Select((node, n) => GlobalSnapshots.Get(node).WaitForLocalParticipantsAsync(
            count / nodes.Count + (n < count % nodes.Count ? 1 : 0), Group)));
        if (nodes.Count == 1)
            return;
        using var deadline = new CancellationTokenSource(Timeout);
        foreach (var node in nodes)
        {
            while ((await GlobalSnapshots.Get(node).ParticipantsAsync(Group, deadline.Token)).Count < count)
                await Task.Delay(50, deadline.Token);
        }
    }

    /// <summary>The chains <paramref name="accounts"/> accounts start on a cluster.</summary>
    private static int RemoteChains(int accounts) => (int)Math.Min((long)accounts * RemoteChainsPerAccount, MaxRemoteChains);

    /// <summary>Account <paramref name="index"/>'s share of the chains, dealt out evenly in account order.</summary>
    private int ChainsStartedBy(int index) => (int)((long)(index + 1) * Chains / Accounts - (long)index * Chains / Accounts);

    /// <summary>
    /// <paramref name="transfers"/> transfers, rounded down to a whole number per chain (at least one); with
    /// <paramref name="snapshotting"/>, while snapshots are taken back to back.
    /// </summary>
    public Task<TransferRun> RunAsync(long transfers, bool snapshotting) =>
        RunAsync(Math.Max(1, transfers / Chains), halt: null, snapshotting);

    /// <summary>Transfers for <paramref name="duration"/>: the chains never end by themselves, the accounts are halted then.</summary>
    public Task<TransferRun> RunForAsync(TimeSpan duration, bool snapshotting) =>
        RunAsync(long.MaxValue, () => Task.Delay(duration), snapshotting);

    /// <summary>Transfers until <paramref name="stop"/> is cancelled, taking no snapshots: the caller takes its own.</summary>
    public Task<TransferRun> RunUntilAsync(CancellationToken stop) =>
        RunAsync(long.MaxValue, () => Task.Delay(System.Threading.Timeout.InfiniteTimeSpan, stop).ContinueWith(_ => { }, TaskScheduler.Default), snapshotting: false);

    /// <param name="halt">Completes when the accounts are to be halted; null to let each chain end after <paramref name="hopsPerChain"/> hops.</param>
    private async Task<TransferRun> RunAsync(long hopsPerChain, Func<Task>? halt, bool snapshotting)
    {
        var tally = new PaymentTally(Chains);
        await Task.WhenAll(_accounts.Select((account, i) =>
            account.Ask<Ready>(new OpenAccount(i, _reach[i], ChainsStartedBy(i), hopsPerChain, tally), Timeout)));
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var stop = new CancellationTokenSource();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        foreach (var account in _accounts)
            account.Tell(Serve.Instance);
        var taking = snapshotting ? Task.Run(() => SnapshotBackToBackAsync(stop.Token)) : Task.FromResult(SnapshotSeries.None);
        if (halt is not null)
        {
            await halt();
            foreach (var account in _accounts)
                account.Tell(Halt.Instance);
        }
        await tally.Done.WaitAsync(Timeout);
        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        await stop.CancelAsync();
        var snapshots = await taking;
        return new TransferRun(new Throughput(tally.Transfers, clock.Elapsed, allocated, snapshots.Taken), snapshots);
    }

    /// <summary>
    /// Chandy–Lamport snapshots of the accounts, one after the other and each from the next node in turn, until
    /// cancelled, and at least one from each node even if the run ends first; each one is timed, its money counted
    /// and its participants checked against the accounts.
    /// </summary>
    private async Task<SnapshotSeries> SnapshotBackToBackAsync(CancellationToken stop)
    {
        var durations = new List<double>();
        var (violations, incomplete, failures) = (0, 0, 0);
        for (var attempt = 0; attempt < _nodes.Count || !stop.IsCancellationRequested; attempt++)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                var snapshot = await GlobalSnapshots.Get(_nodes[attempt % _nodes.Count]).TakeAsync(Group, timeout: SnapshotTimeout);
                durations.Add(clock.Elapsed.TotalMilliseconds);
                if (PaymentLedger.Total(snapshot) != ExpectedTotal)
                    violations++;
                if (!_accountNames.SetEquals(snapshot.Processes.Select(p => p.Participant.Path.Name)))
                    incomplete++;
            }
            catch (SnapshotFailedException)
            {
                // A failure is counted, not thrown: the run goes on, and the report shows how many failed.
                failures++;
            }
        }
        return new SnapshotSeries(durations, violations, incomplete, failures);
    }

    public async ValueTask DisposeAsync() => await _stop();
}
