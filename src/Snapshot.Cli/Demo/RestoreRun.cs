using Akka.Actor;
using Akka.Cluster;
using Snapshot.Cli.Bank;
using Snapshot.Cli.Reports;
using Snapshot.Restore;
using Snapshot.Runtime;
using Snapshot.Storage;

namespace Snapshot.Cli.Demo;

/// <summary>
/// <c>snapshot demo --restore</c>: the bank runs on a cluster, a snapshot is stored as a checkpoint, every node crashes,
/// and a new cluster loads the checkpoint from the store and starts the bank again from it: each account on the node of
/// the same rank, with its recorded balance, and every transfer that was in flight delivered to it before any new order.
/// With <c>--restore-from</c> the checkpoint is a snapshot already in the store, checked there before this runs. A snapshot of the restored bank
/// before new orders must hold exactly the checkpoint's money, all of it in the accounts; then transfers run again and
/// the snapshots of the restored bank must conserve it.
/// </summary>
public static class RestoreRun
{
    /// <summary>Snapshots tried for a checkpoint that catches money in flight, so that the restore has transfers to replay.</summary>
    private const int CheckpointAttempts = 20;

    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(10);

    public static async Task<RestoreSummary> RunAsync(DemoSettings settings, RestoreSource source, Action<string> progress, CancellationToken cancellationToken)
    {
        var storedId = source.StoredId ?? await CheckpointThenCrashAsync(settings, source.Store, progress, cancellationToken);

        progress($"starting {Counted.Of(settings.Nodes, "new node")}");
        await using var cluster = await LocalCluster.StartAsync(settings.Nodes, cancellationToken, source.Store);
        var nodes = cluster.Nodes;
        // A checkpoint this run stored is read back as any stored snapshot: failing to, the run fails; --restore-from's
        // snapshot is the user's choice, checked to be the bank's and named against the option.
        var storage = GlobalSnapshotStorage.Get(nodes[0]);
        var checkpoint = source.StoredId is null
            ? await storage.LoadAsync(storedId, cancellationToken)
            : await StoredCheckpoint.LoadAsync(storage, source.Store, storedId, cancellationToken);
        // Each account goes to the node of the same rank in the new cluster as its node had among the checkpoint's.
        var origins = checkpoint.Processes.Select(p => p.Participant.Path.Address).Distinct().ToList();
        // The store keeps who started a snapshot, not which node coordinated it: named as 'snapshot show' names it.
        var checkpointReport = SnapshotReport.Of(checkpoint, storedId, origins[0]) with
        {
            Initiator = checkpoint.Initiator?.Path.ToString() ?? "every participant at once",
        };
        progress($"loaded snapshot {storedId} from {source.Store}: {Counted.Of(checkpoint.Processes.Count, "account")}, {checkpointReport.Total} ({checkpointReport.InFlightTotal} in flight)");

        var accounts = new List<(ActorSystem Node, IActorRef Account)>();
        var namesTaken = nodes.ToDictionary(node => node, _ => new HashSet<string>());
        var restored = await GlobalSnapshots.Get(nodes[0]).RestoreAsync(checkpoint, participant =>
        {
            var origin = origins.IndexOf(participant.Node);
            var node = nodes[origin % nodes.Count];
            // Nodes started with 'snapshot node' each name their accounts from account-0: on fewer new nodes, two may meet.
            var name = namesTaken[node].Add(participant.Name) ? participant.Name : $"{participant.Name}-of-node-{origin + 1}";
            var account = node.ActorOf(BankAccount.Restored((AccountState)participant.State!, participant.Ticket), name);
            accounts.Add((node, account));
            return LocalCluster.Reach(nodes[0], node, account);
        }, cancellationToken: cancellationToken);
        progress($"restored {Counted.Of(restored.Participants.Count, "account")} on {Counted.Of(settings.Nodes, "new node")}, {Counted.Of(restored.ReplayedMessages, "stashed or in-flight message")} replayed");

        var first = await GlobalSnapshots.Get(nodes[0]).TakeAsync(BankAccount.Group, cancellationToken: cancellationToken);
        var restoredReport = SnapshotReport.Of(first, 0, Cluster.Get(nodes[0]).SelfAddress);
        var exact = ExactAccounts(checkpoint, restored, first);
        progress($"restored bank: {restoredReport.Total} ({restoredReport.InFlightTotal} in flight), checkpoint {checkpointReport.Total}; {exact} of {Counted.Of(restored.Participants.Count, "balance")} are the recorded ones plus what was in flight to them");

        var payers = DemoRun.StartPayers(nodes, accounts, settings.Seed + 1);
        progress("transfers running again");
        var run = await DemoRun.SnapshotEveryIntervalAsync(nodes, settings with { Accounts = checkpoint.Processes.Count }, progress, cancellationToken);
        foreach (var payer in payers)
            payer.Tell(PoisonPill.Instance);
        return new RestoreSummary(storedId, source.Store, checkpointReport, restoredReport, restored.ReplayedMessages, exact, run);
    }

    /// <summary>Runs the bank until a snapshot catches money in flight, stores it in <paramref name="store"/>, then crashes every node. Returns its stored id.</summary>
    private static async Task<long> CheckpointThenCrashAsync(DemoSettings settings, string store, Action<string> progress, CancellationToken cancellationToken)
    {
        progress($"starting {Counted.Of(settings.Nodes, "node")}");
        var cluster = await LocalCluster.StartAsync(settings.Nodes, cancellationToken, store);
        IActorRef[] running = [];
        try
        {
            var accounts = await DemoRun.OpenAccountsAsync(cluster.Nodes, settings, cancellationToken);
            running = [.. DemoRun.StartPayers(cluster.Nodes, accounts, settings.Seed), .. accounts.Select(a => a.Account)];
            progress($"{Counted.Of(settings.Accounts, "account")} on {Counted.Of(settings.Nodes, "node")}, transfers running");
            var snapshots = GlobalSnapshots.Get(cluster.Nodes[0]);
            GlobalSnapshot checkpoint;
            var attempt = 0;
            do
            {
                await Task.Delay(settings.Interval, cancellationToken);
                checkpoint = await snapshots.TakeAsync(BankAccount.Group, cancellationToken: cancellationToken);
            }
            while (BankLedger.Of(checkpoint).InFlight == 0 && ++attempt < CheckpointAttempts);
            var stored = await GlobalSnapshotStorage.Get(cluster.Nodes[0]).SaveAsync(checkpoint, cancellationToken);
            var ledger = BankLedger.Of(checkpoint);
            progress($"checkpoint: {ledger.InAccounts} in accounts + {ledger.InFlight} in flight ({Counted.Of(checkpoint.RecordedMessages, "message")}) = {ledger.Total}, stored as snapshot {stored.Id} in {store}");
            return stored.Id;
        }
        finally
        {
            // The bank's actors go first, while remoting still runs: a node terminated under them stops its remoting
            // first, and each actor's last word to the nodes that watch it would be logged as an error.
            await Task.WhenAll(running.Select(actor => actor.GracefulStop(StopLimit)));
            await cluster.CrashAsync();
            progress($"crashed every node ({Counted.Of(settings.Nodes, "node")}): accounts and payers stopped, nodes terminated without leaving the cluster");
        }
    }

    /// <summary>
    /// The accounts whose balance in <paramref name="first"/>, the restored bank before any new order, is the checkpoint's
    /// balance plus the transfers stashed by or in flight to it: each delivered once.
    /// </summary>
    private static int ExactAccounts(GlobalSnapshot checkpoint, RestoredGroup restored, GlobalSnapshot first)
    {
        var balances = first.Processes.ToDictionary(p => p.Participant.Path, p => ((AccountState)p.State!).Balance);
        return checkpoint.Processes.Count(process =>
        {
            var expected = ((AccountState)process.State!).Balance
                + process.Stashed.OfType<Transfer>().Sum(t => t.Amount)
                + checkpoint.Channels.Where(c => c.To.Equals(process.Participant)).SelectMany(c => c.Messages).OfType<Transfer>().Sum(t => t.Amount);
            return balances.GetValueOrDefault(restored.Participants[process.Participant].Path) == expected;
        });
    }
}
