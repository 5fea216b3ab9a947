using Snapshot.Simulation;

namespace Snapshot.Tests.Simulation;

/// <summary>
/// Random clusters whose members pay members they pick at random, on any node, at any step, snapshotted by the stamped
/// protocol while several snapshots run at once. Every snapshot must complete, conserve tokens and be a consistent cut
/// of the trace. SNAPSHOT_PROPERTY_RUNS sets the number of runs (default 2000); SNAPSHOT_PROPERTY_SEED the first seed.
/// A failure names its seed and prints the scenario.
/// </summary>
public sealed class StampedRunProperties
{
    private const int DefaultRuns = 2000;
    private const int DefaultFirstSeed = 16;

    [Fact]
    public void Every_snapshot_of_a_random_run_with_dynamic_peers_completes_conserves_tokens_and_is_a_consistent_cut()
    {
        var (runs, first) = PropertyRuns.Read(DefaultRuns, DefaultFirstSeed);
        var (snapshots, inFlight) = (0, 0L);
        for (var seed = first; seed < first + runs; seed++)
        {
            var (taken, recorded) = Check(RandomStampedScenario.Generate(seed));
            snapshots += taken;
            inFlight += recorded;
        }
        Assert.True(snapshots >= runs, $"only {snapshots} snapshots in {runs} runs");
        // The property means little if no snapshot ever caught a payment between its sender's and receiver's recordings.
        Assert.True(inFlight >= runs, $"only {inFlight} payments recorded in flight over {runs} runs");
    }

    [Fact]
    public void The_same_scenario_gives_the_same_run()
    {
        var scenario = RandomStampedScenario.Generate(2026);

        var once = StampedSimulator.Run(scenario);
        var again = StampedSimulator.Run(scenario);

        Assert.Equal(once.Trace, again.Trace);
        Assert.Equal(once.Snapshots.Select(s => SnapFile.From(s).Write()), again.Snapshots.Select(s => SnapFile.From(s).Write()));
    }

    private static (int Snapshots, long InFlight) Check(StampedScenario scenario)
    {
        SimulationResult run;
        try
        {
            run = StampedSimulator.Run(scenario);
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"{scenario}\nthe run failed: {e}");
        }
        var problems = new List<string>();
        if (run.Snapshots.Count != scenario.Snapshots.Count)
            problems.Add($"{scenario.Snapshots.Count} snapshots started, {run.Snapshots.Count} completed");
        foreach (var snapshot in run.Snapshots)
        {
            if (!snapshot.IsConserved)
                problems.Add($"snapshot {snapshot.Id} holds {snapshot.Total} tokens, not {snapshot.ExpectedTotal}");
            problems.AddRange(ConsistentCut.Violations(snapshot, run, scenario.Topology).Select(v => $"snapshot {snapshot.Id}: {v}"));
        }
        if (problems.Count > 0)
            throw new Xunit.Sdk.XunitException($"{scenario}\n{string.Join("\n", problems)}");
        return (run.Snapshots.Count, run.Snapshots.Sum(s => s.Cut.Channels.Sum(c => (long)c.Messages.Count)));
    }
}
