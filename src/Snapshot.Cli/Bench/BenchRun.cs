namespace Snapshot.Cli.Bench;

/// <summary>
/// Runs every workload of <c>snapshot bench</c>: ping-pong with plain actors and with idle participants (rounds
/// alternate, medians kept), the participants under back-to-back snapshots, the pausable players under
/// stop-the-world snapshots at the rate the back-to-back ones reached, then the latency graphs.
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
        return new BenchReport(Environment.ProcessorCount, settings.Pairs, settings.MessagesPerPair * settings.Pairs, plain, idle, snapshotting, stopTheWorld, latencies);
    }
}
