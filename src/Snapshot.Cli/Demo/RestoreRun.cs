using Akka.Actor;
using Akka.Cluster;
using Snapshot.Cli.Bank;
using Snapshot.Cli.Reports;
using Snapshot.Restore;
using Snapshot.Runtime;

namespace Snapshot.Cli.Demo;

/// <summary>
/// <c>snapshot demo --restore</c>: the bank runs on a cluster, a snapshot is kept as a checkpoint, every node crashes,
/// and a new cluster starts the bank again from the checkpoint: each account on the node of the same rank, with its
/// recorded balance, and every transfer that was in flight delivered to it before any new order. A snapshot of the
/// restored bank before new orders must hold exactly the checkpoint's money, all of it in the accounts; then transfers
/// run again and the snapshots of the restored bank must conserve it.
/// </summary>
public static class RestoreRun
{
    /// <summary>Snapshots tried for a checkpoint that catches money in flight, so that the restore has transfers to replay.</summary>
    private const int CheckpointAttempts = 20;

    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(10);

    public static async Task<RestoreSummary> RunAsync(DemoSettings settings, Action<string> progress, CancellationToken cancellationToken)
    {
        progress($"starting {settings.Nodes} nodes");
        var (checkpoint, crashed) = await CheckpointThenCrashAsync(settings, progress, cancellationToken);
        var checkpointReport = SnapshotReport.Of(checkpoint, 0, crashed[0]);

        progress($"starting {settings.Nodes} new nodes");
        await using var cluster = await LocalCluster.StartAsync(settings.Nodes, cancellationToken);
        var nodes = cluster.Nodes;
        var accounts = new List<(ActorSystem Node, IActorRef Account)>();
        var restored = await GlobalSnapshots.Get(nodes[0]).RestoreAsync(checkpoint, participant =>
        {
            // The node of the same rank in the new cluster as the account's node in the crashed one; the checkpoint was
            // taken on the first node, which names its own accounts by a local address.
            var node = nodes[participant.Node.HasGlobalScope ? Array.IndexOf(crashed, participant.Node) : 0];
            var account = node.ActorOf(BankAccount.Restored((AccountState)participant.State!, participant.Ticket), participant.Name);
            accounts.Add((node, account));
            return LocalCluster.Reach(nodes[0], node, account);
        }, cancellationToken: cancellationToken);
        progress($"restored {restored.Participants.Count} accounts on {settings.Nodes} new nodes, {restored.ReplayedMessages} stashed and in-flight messages replayed");

        var first = await GlobalSnapshots.Get(nodes[0]).TakeAsync(BankAccount.Group, cancellationToken: cancellationToken);
        var restoredReport = SnapshotReport.Of(first, 0, Cluster.Get(nodes[0]).SelfAddress);
        var exact = ExactAccounts(checkpoint, restored, first);
        progress($"restored bank: {restoredReport.Total} ({restoredReport.InFlightTotal} in flight), checkpoint {checkpointReport.Total}; {exact} of {restored.Participants.Count} balances are the recorded ones plus what was in flight to them");

        var payers = DemoRun.StartPayers(nodes, accounts, settings.Seed + 1);
        progress("transfers running again");
        var run = await DemoRun.SnapshotEveryIntervalAsync(nodes, settings, progress, cancellationToken);
        foreach (var payer in payers)
            payer.Tell(PoisonPill.Instance);
        return new RestoreSummary(checkpointReport, restoredReport, restored.ReplayedMessages, exact, run);
    }

    /// <summary>Runs the bank until a snapshot catches money in flight, then crashes every node. Returns that snapshot and the crashed nodes' addresses.</summary>
    private static async Task<(GlobalSnapshot Checkpoint, Address[] Crashed)> CheckpointThenCrashAsync(DemoSettings settings, Action<string> progress, CancellationToken cancellationToken)
    {
        var cluster = await LocalCluster.StartAsync(settings.Nodes, cancellationToken);
        IActorRef[] running = [];
        try
        {
            var accounts = await DemoRun.OpenAccountsAsync(cluster.Nodes, settings, cancellationToken);
            running = [.. DemoRun.StartPayers(cluster.Nodes, accounts, settings.Seed), .. accounts.Select(a => a.Account)];
            progress($"{settings.Accounts} accounts on {settings.Nodes} nodes, transfers running");
            var snapshots = GlobalSnapshots.Get(cluster.Nodes[0]);
            GlobalSnapshot checkpoint;
            var attempt = 0;
            do
            {
                await Task.Delay(settings.Interval, cancellationToken);
                checkpoint = await snapshots.TakeAsync(BankAccount.Group, cancellationToken: cancellationToken);
            }
            while (BankLedger.Of(checkpoint).InFlight == 0 && ++attempt < CheckpointAttempts);
            var ledger = BankLedger.Of(checkpoint);
            progress($"checkpoint: snapshot {checkpoint.Id}, {ledger.InAccounts} in accounts + {ledger.InFlight} in flight ({checkpoint.RecordedMessages} messages) = {ledger.Total}");
            return (checkpoint, [.. cluster.Nodes.Select(node => Cluster.Get(node).SelfAddress)]);
        }
        finally
        {
            // The bank's actors go first, while remoting still runs: a node terminated under them stops its remoting
            // first, and each actor's last word to the nodes that watch it would be logged as an error.
            await Task.WhenAll(running.Select(actor => actor.GracefulStop(StopLimit)));
            await cluster.CrashAsync();
            progress($"crashed all {settings.Nodes} nodes: accounts and payers stopped, nodes terminated without leaving the cluster");
        }
    }

    /// <summary>
    /// The accounts whose balance in <paramref name="first"/>, the restored bank before any new order, is the checkpoint's
    /// balance plus the transfers stashed by or in flight to it: each delivered once.
    /// </summary>
    private static int ExactAccounts(GlobalSnapshot checkpoint, RestoredGroup restored, GlobalSnapshot first)
    {
        var balances = first.Processes.ToDictionary(p => p.Participant.Path.Name, p => ((AccountState)p.State!).Balance);
        return checkpoint.Processes.Count(process =>
        {
            var expected = ((AccountState)process.State!).Balance
                + process.Stashed.OfType<Transfer>().Sum(t => t.Amount)
                + checkpoint.Channels.Where(c => c.To.Equals(process.Participant)).SelectMany(c => c.Messages).OfType<Transfer>().Sum(t => t.Amount);
            return balances.GetValueOrDefault(restored.Participants[process.Participant].Path.Name) == expected;
        });
    }
}
