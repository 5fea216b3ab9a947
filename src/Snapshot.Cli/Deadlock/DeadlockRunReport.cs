using Snapshot.Analysis;
using Snapshot.Runtime;

namespace Snapshot.Cli.Deadlock;

/// <summary>One run of <c>demo deadlock</c>: its steps' answers, the snapshot taken after them, and what the analysis found in it.</summary>
public sealed record DeadlockRunReport(DeadlockScenario Scenario, IReadOnlyList<LockOutcome> Answers, GlobalSnapshot Snapshot, DeadlockReport Analysis)
{
    /// <summary>True when the analysis found exactly the cycles and the grants on their way that the scenario makes, no more and no fewer.</summary>
    public bool AsExpected => Cycles.SequenceEqual(Scenario.ExpectedCycles) && Analysis.Handovers.Select(h => h.ToString()).SequenceEqual(Scenario.ExpectedHandovers);

    public IReadOnlyList<string> Cycles => [.. Analysis.Cycles.Select(c => c.ToString())];

    /// <summary>Each participant's name and recorded state, by name.</summary>
    public IReadOnlyList<(string Name, string State)> States =>
        [.. Snapshot.Processes.OrderBy(p => p.Participant, ParticipantOrder.Instance).Select(p => (p.Participant.Path.Name, $"{p.State}"))];

    /// <summary>The object <c>--json</c> prints for a run.</summary>
    public object ToJson() => new
    {
        name = Scenario.Name,
        description = Scenario.Description,
        steps = Answers.Select(a => a.ToString()),
        states = States.ToDictionary(s => s.Name, s => s.State),
        waits = Analysis.WaitsFor.Select(e => e.ToString()),
        handovers = Analysis.Handovers.Select(h => h.ToString()),
        cycles = Analysis.Cycles.Select(c => new
        {
            cycle = c.ToString(),
            participants = c.Participants.Select(p => p.Path.Name),
            resources = c.Resources,
        }),
        expected_cycles = Scenario.ExpectedCycles,
        expected_handovers = Scenario.ExpectedHandovers,
        as_expected = AsExpected,
    };
}
