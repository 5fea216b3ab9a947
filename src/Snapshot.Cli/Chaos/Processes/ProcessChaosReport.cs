using System.Text.Json;
using System.Text.Json.Nodes;

namespace Snapshot.Cli.Chaos.Processes;

/// <summary>
/// What a process chaos run found: the same as a chaos run (<see cref="Run"/>, whose faults are what happened to node
/// processes unasked), plus what the run did to them, and how many completed snapshots started a new baseline after
/// a node departed (<see cref="BankConservation"/>), so that their money was not compared.
/// </summary>
public sealed record ProcessChaosReport(ChaosReport Run, IReadOnlyDictionary<string, int> Processes, int Rebased)
{
    public bool Passed => Run.Passed;

    public static ProcessChaosReport Of(ChaosSettings settings, SnapshotTally snapshots, ProcessFaultCounts faults, int rebased)
    {
        var (taken, completed, failed, hung, inconsistent, reasons, problems) = snapshots.Counts();
        var (injected, unplanned, removals) = faults.Totals();
        return new ProcessChaosReport(
            new ChaosReport(taken, completed, failed, hung, inconsistent, reasons, settings.Seed, settings.Duration, unplanned, removals, problems),
            injected,
            rebased);
    }

    /// <summary>The keys of <c>chaos --json</c>, then one per kind of fault injected (processes_killed, …) and rebased.</summary>
    public JsonObject ToJson()
    {
        var json = JsonSerializer.SerializeToNode(Run.ToJson())!.AsObject();
        foreach (var (what, count) in Processes)
            json[what] = count;
        json["rebased"] = Rebased;
        return json;
    }
}
