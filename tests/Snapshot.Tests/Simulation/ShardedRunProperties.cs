using Snapshot.Simulation;

namespace Snapshot.Tests.Simulation;

/// <summary>
/// Random sharded groups whose entities pay entities they pick at random through regions that delay each payment on
/// its own (payments overtake each other), while entities start on a payment, passivate when idle and start again,
/// snapshotted one at a time by the sharded protocol. Every snapshot must complete, conserve the tokens and be a
/// consistent cut of the trace. SNAPSHOT_PROPERTY_RUNS sets the number of runs (default 2000); SNAPSHOT_PROPERTY_SEED the
/// first seed. A failure names its seed and prints the scenario.
/// </summary>
public sealed class ShardedRunProperties
{
    private const int DefaultRuns = 2000;
    private const int DefaultFirstSeed = 18;

    [Fact]
    public void Every_snapshot_of_a_random_sharded_run_completes_conserves_tokens_and_is_a_consistent_cut()
    {
        var (runs, first) = PropertyRuns.Read(DefaultRuns, DefaultFirstSeed);
        var (snapshots, inFlight, passivatedRecorded, startedRecorded) = (0, 0L, 0L, 0L);
        for (var seed = first; seed < first + runs; seed++)
        {
            var scenario = Generate(seed);
            var run = Check(scenario);
            snapshots += run.Snapshots.Count;
            inFlight += run.Snapshots.Sum(s => s.InFlight.Count);
            passivatedRecorded += run.Trace.OfType<ShardedEvent.Recorded>().Count(r => r.Passivated);
            var recordings = Recordings(run);
            var firstHandled = run.Trace.OfType<ShardedEvent.Handled>().GroupBy(h => h.Payment.To).ToDictionary(g => g.Key, g => g.Min(h => h.Sequence));
            // Entities that had not run when the scenario began, recording before they first handled a payment.
            startedRecorded += scenario.Entities.Where(e => !e.Started)
                .Sum(e => run.Snapshots.Count(s => recordings.TryGetValue((s.Number, e.Id), out var at) && firstHandled.TryGetValue(e.Id, out var firstPayment) && at < firstPayment));
        }
        Assert.True(snapshots >= runs, $"only {snapshots} snapshots in {runs} runs");
        // The property means little unless snapshots caught payments in flight, passivated entities and entities started during them.
        Assert.True(inFlight >= runs, $"only {inFlight} payments recorded in flight over {runs} runs");
        Assert.True(passivatedRecorded >= runs / 10, $"only {passivatedRecorded} states recorded for passivated entities over {runs} runs");
        Assert.True(startedRecorded >= runs / 10, $"only {startedRecorded} recordings of entities that first started during the run, before their first payment, over {runs} runs");
    }

    [Fact]
    public void The_same_scenario_gives_the_same_run()
    {
        var scenario = Generate(2026);

        var once = ShardedSimulator.Run(scenario);
        var again = ShardedSimulator.Run(scenario);

        Assert.Equal(once.Trace, again.Trace);
        Assert.Equal(once.Snapshots.Select(Text), again.Snapshots.Select(Text));

        static string Text(ShardedRun.Snapshot snapshot) =>
            string.Join(",", snapshot.Tokens.OrderBy(t => t.Key).Select(t => $"{t.Key}={t.Value}")) + "|" + string.Join(",", snapshot.InFlight);
    }

    /// <summary>1 to 4 nodes, 1 to 12 entities, most started with 0 to 100 tokens, 1 to 5 snapshots, random rates and delays.</summary>
    private static ShardedScenario Generate(int seed)
    {
        var random = new Random(seed);
        var nodes = random.Next(1, 5);
        var entities = Enumerable.Range(1, random.Next(1, 13))
            .Select(i => new ShardedEntity($"E{i}", random.Next(nodes), random.NextDouble() < 0.75, random.Next(0, 101)))
            .ToArray();
        var paying = random.Next(5, 60);
        var snapshots = Enumerable.Range(0, random.Next(1, 6)).Select(_ => (long)random.Next(1, paying + 10)).Order().ToArray();
        return new ShardedScenario(seed, nodes, entities, snapshots, paying,
            0.1 + random.NextDouble() * 0.8, 0.2 + random.NextDouble() * 0.8, random.NextDouble() * 0.3, random.Next(0, 12));
    }

    private static ShardedRun Check(ShardedScenario scenario)
    {
        ShardedRun run;
        try
        {
            run = ShardedSimulator.Run(scenario);
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"{scenario}\nthe run failed: {e}");
        }
        var problems = new List<string>();
        if (run.Snapshots.Count != scenario.Snapshots.Count)
            problems.Add($"{scenario.Snapshots.Count} snapshots requested, {run.Snapshots.Count} completed");
        var total = scenario.Entities.Where(e => e.Started).Sum(e => e.Tokens);
        var sent = run.Trace.OfType<ShardedEvent.Sent>().ToDictionary(s => s.Payment.Id, s => s.Sequence);
        var handled = run.Trace.OfType<ShardedEvent.Handled>().ToDictionary(h => h.Payment.Id, h => h.Sequence);
        var recordings = Recordings(run);
        long? Recording(long snapshot, string entity) => recordings.TryGetValue((snapshot, entity), out var at) ? at : null;
        foreach (var snapshot in run.Snapshots)
        {
            var held = snapshot.Tokens.Values.Sum() + snapshot.InFlight.Sum(p => p.Tokens);
            if (held != total)
                problems.Add($"snapshot {snapshot.Number} holds {held} tokens of {total}");
            var inFlight = snapshot.InFlight.Select(p => p.Id).ToHashSet();
            foreach (var payment in run.Trace.OfType<ShardedEvent.Sent>().Select(s => s.Payment))
            {
                // Before the cut at an end: that entity recorded for the snapshot, after this event.
                var sentBefore = Recording(snapshot.Number, payment.From) is { } sender && sent[payment.Id] < sender;
                var handledBefore = Recording(snapshot.Number, payment.To) is { } receiver && handled.TryGetValue(payment.Id, out var at) && at < receiver;
                if (handledBefore && !sentBefore)
                    problems.Add($"snapshot {snapshot.Number}: payment {payment} was handled before its receiver recorded but sent after its sender did");
                if (inFlight.Contains(payment.Id) != (sentBefore && !handledBefore))
                    problems.Add($"snapshot {snapshot.Number}: payment {payment} {(inFlight.Contains(payment.Id) ? "is" : "is not")} in flight, sent {(sentBefore ? "before" : "after")} its sender recorded and handled {(handledBefore ? "before" : "after")} its receiver did");
                if (sentBefore && !snapshot.Tokens.ContainsKey(payment.To))
                    problems.Add($"snapshot {snapshot.Number}: payment {payment} was sent before the cut to an entity the snapshot does not list");
            }
            foreach (var (entity, tokens) in snapshot.Tokens)
            {
                if (run.Trace.OfType<ShardedEvent.Recorded>().Where(r => r.Snapshot == snapshot.Number && r.Entity == entity).Select(r => r.Tokens).ToArray() is not [var recorded] || recorded != tokens)
                    problems.Add($"snapshot {snapshot.Number}: {entity}'s tokens differ from those it recorded");
            }
        }
        if (problems.Count > 0)
            throw new Xunit.Sdk.XunitException($"{scenario}\n{string.Join("\n", problems)}");
        return run;
    }

    /// <summary>When each entity recorded for each snapshot, by the trace's order.</summary>
    private static Dictionary<(long Snapshot, string Entity), long> Recordings(ShardedRun run) =>
        run.Trace.OfType<ShardedEvent.Recorded>().ToDictionary(r => (r.Snapshot, r.Entity), r => r.Sequence);
}
