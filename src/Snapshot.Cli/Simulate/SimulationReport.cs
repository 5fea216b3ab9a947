using Snapshot.Simulation;
using Spectre.Console;

namespace Snapshot.Cli.Simulate;

/// <summary>Prints snapshots for a person: per snapshot, the servers' tokens, the channels' messages, and the conservation check.</summary>
public static class SimulationReport
{
    public static void Write(IAnsiConsole console, Scenario scenario, IReadOnlyList<SimulatedSnapshot> snapshots)
    {
        console.MarkupLineInterpolated($"[bold]{scenario.Description}[/]");
        console.MarkupLineInterpolated($"{Counted.Of(scenario.Topology.Servers.Count, "server")}, {Counted.Of(scenario.Topology.Links.Count, "link")}, {Counted.Of(scenario.Topology.TotalTokens, "token")}, {Counted.Of(snapshots.Count, "snapshot")}");
        foreach (var snapshot in snapshots)
            WriteSnapshot(console, snapshot);
    }

    private static void WriteSnapshot(IAnsiConsole console, SimulatedSnapshot snapshot)
    {
        console.WriteLine();
        var table = new Table()
            .Title($"Snapshot {snapshot.Id}: started by {Markup.Escape(snapshot.Initiator)} at step {snapshot.StartedAt}, completed at step {snapshot.CompletedAt}")
            .AddColumn("Server")
            .AddColumn(new TableColumn("Tokens").RightAligned())
            .AddColumn("In flight towards it (channel: messages)");
        foreach (var process in snapshot.Cut.Processes.OrderBy(p => p.Process, StringComparer.Ordinal))
        {
            var inFlight = snapshot.Cut.Channels
                .Where(c => c.To == process.Process)
                .Select(c => $"{c.From} → {c.To}: {string.Join(", ", c.Messages)}");
            table.AddRow(Markup.Escape(process.Process), process.State.ToString(), Markup.Escape(string.Join("; ", inFlight)));
        }
        console.Write(table);
        var verdict = snapshot.IsConserved ? "[green]conserved[/]" : "[red]NOT conserved[/]";
        console.MarkupLine($"Tokens: {snapshot.InServers} in servers + {snapshot.InFlight} in flight = {snapshot.Total} of {snapshot.ExpectedTotal}: {verdict}");
    }
}
