using Spectre.Console;

namespace Snapshot.Cli.Reports;

/// <summary>Prints snapshot reports for a person: a row per snapshot, then the summary.</summary>
public static class SnapshotTable
{
    public static void Write(IAnsiConsole console, SnapshotRunSummary run)
    {
        var table = new Table()
            .AddColumn("Id")
            .AddColumn("Initiator")
            .AddColumn(new TableColumn("ms").RightAligned())
            .AddColumn(new TableColumn("Participants").RightAligned())
            .AddColumn(new TableColumn("Nodes").RightAligned())
            .AddColumn(new TableColumn("Markers").RightAligned())
            .AddColumn(new TableColumn("Recorded").RightAligned())
            .AddColumn(new TableColumn("In accounts").RightAligned())
            .AddColumn(new TableColumn("In flight").RightAligned())
            .AddColumn(new TableColumn("Total").RightAligned())
            .AddColumn("");
        foreach (var s in run.Snapshots)
        {
            table.AddRow(
                s.Id.ToString(), Markup.Escape(s.Initiator), s.DurationMs.ToString("0.0"), s.Participants.ToString(), s.Nodes.ToString(),
                s.Markers.ToString(), s.RecordedMessages.ToString(), s.AccountsTotal.ToString(), s.InFlightTotal.ToString(), s.Total.ToString(),
                s.Conserved ? "[green]conserved[/]" : "[red]VIOLATED[/]");
        }
        console.Write(table);
        foreach (var failure in run.Failures)
            console.MarkupLineInterpolated($"[red]failed:[/] {failure}");
        var verdict = run.AllConserved ? "[green]every snapshot conserved the total[/]" : "[red]NOT every snapshot conserved the total[/]";
        console.MarkupLine($"{run.Snapshots.Count} snapshots, {run.Failures.Count} failed, expected total {run.ExpectedTotal}: {verdict}");
        console.MarkupLine($"duration p50 {run.PercentileMs(50):0.0} ms, p99 {run.PercentileMs(99):0.0} ms");
    }
}
