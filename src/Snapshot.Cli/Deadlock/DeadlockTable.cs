using Spectre.Console;

namespace Snapshot.Cli.Deadlock;

/// <summary>Prints <c>demo deadlock</c>'s runs for a person: per run, its steps, the states recorded, the waits and the cycles found.</summary>
public static class DeadlockTable
{
    public static void Write(IAnsiConsole console, IReadOnlyList<DeadlockRunReport> runs)
    {
        foreach (var run in runs)
        {
            console.MarkupLineInterpolated($"[bold]{run.Scenario.Name}[/]: {run.Scenario.Description}");
            console.MarkupLineInterpolated($"steps: {string.Join(", ", run.Answers)}");
            var table = new Table().AddColumn("Participant").AddColumn("Recorded state");
            foreach (var (name, state) in run.States)
                table.AddRow(Markup.Escape(name), Markup.Escape(state));
            console.Write(table);
            console.MarkupLineInterpolated($"waits: {(run.Analysis.WaitsFor.Count == 0 ? "none" : string.Join(", ", run.Analysis.WaitsFor))}");
            if (run.Analysis.Handovers.Count > 0)
                console.MarkupLineInterpolated($"locks on their way: {string.Join(", ", run.Analysis.Handovers)}");
            foreach (var cycle in run.Cycles)
                console.MarkupLineInterpolated($"[red]deadlock:[/] {cycle}");
            if (run.Cycles.Count == 0)
                console.MarkupLine("[green]no deadlock[/]");
            if (!run.AsExpected)
                console.MarkupLineInterpolated($"[red]expected {(run.Scenario.ExpectedCycles.Count == 0 ? "no deadlock" : string.Join("; ", run.Scenario.ExpectedCycles))}, locks on their way: {(run.Scenario.ExpectedHandovers.Count == 0 ? "none" : string.Join(", ", run.Scenario.ExpectedHandovers))}[/]");
            console.WriteLine();
        }
        console.MarkupLine(runs.All(r => r.AsExpected)
            ? "[green]the analysis found exactly the deadlocks and grants in flight the runs made[/]"
            : "[red]the analysis did NOT find exactly the deadlocks and grants in flight the runs made[/]");
    }
}
