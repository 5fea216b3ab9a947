namespace Snapshot.Cli.Bench;

/// <summary>
/// Runs every workload of <c>snapshot bench</c>: ping-pong with plain actors and with idle participants (rounds
/// alternate, medians kept), the participants under back-to-back snapshots, the pausable players under
/// stop-the-world snapshots at the rate the back-to-back ones reached, then the latency graphs, then the bank transfer
/// workload the same way (plain, idle, back-to-back), then the bank spread over a cluster on loopback (phases of no
/// snapshot and back-to-back snapshots alternate).
/// </summary>
public static class BenchRun
{
    public static async Task<BenchReport> RunAsync(BenchSettings settings, Action<string> progress, CancellationToken cancellationToken)
    {
        var perPair = settings.MessagesPerPair;
        Throughput plain, idle, snapshotting, stopTheWorld;
        await using (var plainPlayers = await PingPongWorkload.StartAsync(PlayerKind.Plain, settings.Pairs))
        await using (var participants = await PingPongWorkload.StartAsync(PlayerKind.Participant, settings.Pairs))
        {
            progress("ping-pong: warming up");
            await plainPlayers.RunAsync(perPair);
            await participants.RunAsync(perPair);
            var plainRuns = new List<Throughput>();
            var idleRuns = new List<Throughput>();
            for (var round = 0; round < settings.Rounds; round++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress($"ping-pong: plain and idle participants, round {round + 1} of {settings.Rounds}");
                plainRuns.Add(await plainPlayers.RunAsync(perPair));
                idleRuns.Add(await participants.RunAsync(perPair));
            }
            (plain, idle) = (Throughput.Median(plainRuns), Throughput.Median(idleRuns));
            var snapshottingRuns = new List<Throughput>();
            for (var round = 0; round < settings.Rounds; round++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress($"ping-pong: participants under back-to-back snapshots, round {round + 1} of {settings.Rounds}");
                snapshottingRuns.Add(await participants.RunAsync(perPair, participants.SnapshotBackToBackAsync));
            }
            snapshotting = Throughput.Median(snapshottingRuns);
        }
        var interval = snapshotting.Snapshots > 0 ? snapshotting.Elapsed / snapshotting.Snapshots : TimeSpan.FromMilliseconds(10);
        await using (var pausable = await PingPongWorkload.StartAsync(PlayerKind.Pausable, settings.Pairs))
        {
            await pausable.RunAsync(perPair);
            var runs = new List<Throughput>();
            for (var round = 0; round < settings.Rounds; round++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress($"ping-pong: stop-the-world snapshots every {interval.TotalMilliseconds:0.###} ms, round {round + 1} of {settings.Rounds}");
                runs.Add(await pausable.RunAsync(perPair, stop => pausable.StopTheWorldEveryAsync(interval, stop)));
            }
            stopTheWorld = Throughput.Median(runs);
        }
        var latencies = new List<Latency>();
        foreach (var topology in settings.Topologies)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress($"latency: {topology}");
            await using var graph = await LatencyWorkload.StartAsync(topology);
            latencies.Add(await graph.MeasureAsync(singleInitiator: false, settings.LatencyRepetitions));
            latencies.Add(await graph.MeasureAsync(singleInitiator: true, settings.LatencyRepetitions));
        }
        var bank = await BankAsync(settings, progress, cancellationToken);
        var remote = await RemoteAsync(settings, progress, cancellationToken);
        return new BenchReport(Environment.ProcessorCount, settings.Pairs, settings.MessagesPerPair * settings.Pairs, plain, idle, snapshotting, stopTheWorld, latencies,
            bank, remote);
    }

    private static async Task<BankFigures> BankAsync(BenchSettings settings, Action<string> progress, CancellationToken cancellationToken)
    {
        await using var plainAccounts = await BankWorkload.StartAsync(AccountKind.Plain, settings.Accounts);
        await using var participants = await BankWorkload.StartAsync(AccountKind.Participant, settings.Accounts);
        progress("bank: warming up");
        await plainAccounts.RunAsync(settings.Transfers, snapshotting: false);
        await participants.RunAsync(settings.Transfers, snapshotting: false);
        var plainRuns = new List<Throughput>();
        var idleRuns = new List<Throughput>();
        for (var round = 0; round < settings.Rounds; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress($"bank: plain and idle participant accounts, round {round + 1} of {settings.Rounds}");
            plainRuns.Add((await plainAccounts.RunAsync(settings.Transfers, snapshotting: false)).Throughput);
            idleRuns.Add((await participants.RunAsync(settings.Transfers, snapshotting: false)).Throughput);
        }
        var snapshottingRuns = new List<TransferRun>();
        for (var round = 0; round < settings.Rounds; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress($"bank: participant accounts under back-to-back snapshots, round {round + 1} of {settings.Rounds}");
            snapshottingRuns.Add(await participants.RunAsync(settings.Transfers, snapshotting: true));
        }
        return new BankFigures(participants.Accounts, participants.Chains, Throughput.Median(plainRuns), Throughput.Median(idleRuns),
            Throughput.Median([.. snapshottingRuns.Select(r => r.Throughput)]), SnapshotSeries.Concat(snapshottingRuns.Select(r => r.Snapshots)));
    }

    private static async Task<RemoteFigures> RemoteAsync(BenchSettings settings, Action<string> progress, CancellationToken cancellationToken)
    {
        progress($"remote: starting {Counted.Of(settings.RemoteNodes, "node")} on loopback");
        await using var bank = await BankWorkload.StartRemoteAsync(settings.RemoteNodes, settings.RemoteNodes * settings.RemoteAccountsPerNode, cancellationToken);
        progress($"remote: {Counted.Of(bank.Accounts, "participant account")} on {Counted.Of(bank.Nodes, "node")}, warming up");
        // Remoting's connections open and its serializers warm up on the first payments between nodes.
        await bank.RunForAsync(settings.RemotePhase, snapshotting: false);
        var idleRuns = new List<Throughput>();
        var snapshottingRuns = new List<TransferRun>();
        for (var round = 0; round < settings.Rounds; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress($"remote: no snapshot, then back-to-back snapshots from each node in turn, {settings.RemotePhase.TotalSeconds:0.#} s each, round {round + 1} of {settings.Rounds}");
            idleRuns.Add((await bank.RunForAsync(settings.RemotePhase, snapshotting: false)).Throughput);
            snapshottingRuns.Add(await bank.RunForAsync(settings.RemotePhase, snapshotting: true));
        }
        return new RemoteFigures(bank.Nodes, bank.Accounts, settings.RemotePhase, Throughput.Median(idleRuns),
            Throughput.Median([.. snapshottingRuns.Select(r => r.Throughput)]), SnapshotSeries.Concat(snapshottingRuns.Select(r => r.Snapshots)));
    }
}
