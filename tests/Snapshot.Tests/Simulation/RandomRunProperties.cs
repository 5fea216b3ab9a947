using Snapshot.Simulation;

namespace Snapshot.Tests.Simulation;

/// <summary>
/// Thousands of random networks, scripts and delays. Every snapshot must complete, conserve tokens and be a
/// consistent cut. SNAPSHOT_PROPERTY_RUNS sets the number of runs (default 2000); SNAPSHOT_PROPERTY_SEED the
/// first seed. A failure names its seed and prints the scenario, to replay with <c>snapshot simulate</c>.
/// </summary>
public sealed class RandomRunProperties
{
    private const int DefaultRuns = 2000;
    private const int DefaultFirstSeed = 418;

    [Fact]
    public void Every_snapshot_of_a_random_run_completes_conserves_tokens_and_is_a_consistent_cut()
    {
        var (runs, first) = PropertyRuns.Read(DefaultRuns, DefaultFirstSeed);
        var snapshots = 0;
        for (var seed = first; seed < first + runs; seed++)
            snapshots += Check(RandomScenario.Generate(seed));
        Assert.True(snapshots >= runs, $"only {snapshots} snapshots in {runs} runs");
    }

    [Fact]
    public void The_same_inputs_give_the_same_run()
    {
        var scenario = RandomScenario.Generate(2026);

        var once = Simulator.Run(scenario.Topology, scenario.Events, scenario.Delays);
        var again = Simulator.Run(scenario.Topology, scenario.Events, scenario.Delays);

        Assert.Equal(once.Trace, again.Trace);
        Assert.Equal(once.Snapshots.Select(s => SnapFile.From(s).Write()), again.Snapshots.Select(s => SnapFile.From(s).Write()));
    }

    private static int Check(RandomScenario scenario)
    {
        var topology = scenario.Topology;
        var events = scenario.Events;
        SimulationResult run;
        try
        {
            run = Simulator.Run(topology, events, scenario.Delays);
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"seed {scenario.Seed}: the run failed: {e}\n{scenario.Replay}");
        }
        var problems = new List<string>();
        var started = events.Events.OfType<StartSnapshot>().Count();
        if (run.Snapshots.Count != started)
            problems.Add($"{started} snapshots started, {run.Snapshots.Count} completed");
        foreach (var snapshot in run.Snapshots)
        {
            if (!snapshot.IsConserved)
                problems.Add($"snapshot {snapshot.Id} holds {snapshot.Total} tokens, not {snapshot.ExpectedTotal}");
            problems.AddRange(ConsistentCut.Violations(snapshot, run, topology).Select(v => $"snapshot {snapshot.Id}: {v}"));
        }
        if (problems.Count > 0)
            throw new Xunit.Sdk.XunitException($"seed {scenario.Seed}:\n{string.Join("\n", problems)}\n{scenario.Replay}");
        return run.Snapshots.Count;
    }
}
