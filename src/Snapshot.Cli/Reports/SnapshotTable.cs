using Spectre.Console;

namespace Snapshot.Cli.Reports;

/// <summary>Prints snapshot reports for a person: a row per snapshot, then the summary.</summary>
public static class SnapshotTable
{
    /// <summary>A node as a table shows it: the host and port of its address.</summary>
    private static string HostAndPort(string address) => address.Contains('@') ? address[(address.IndexOf('@') + 1)..] : address;

    public static void Write(IAnsiConsole console, SnapshotRunSummary run)
    {
        var table = new Table()
            .AddColumn("Id")
            .AddColumn("Initiator")
            .AddColumn(new TableColumn("ms").RightAligned())
            .AddColumn(new TableColumn("Actors").RightAligned())
            .AddColumn(new TableColumn("Nodes").RightAligned())
            .AddColumn(new TableColumn("Markers").RightAligned())
            .AddColumn(new TableColumn("Recorded").RightAligned())
            .AddColumn(new TableColumn("In accounts").RightAligned())
            .AddColumn(new TableColumn("In flight").RightAligned())
            .AddColumn(new TableColumn("Total").RightAligned())
            .AddColumn("Conserved");
        foreach (var s in run.Snapshots)
        {
            table.AddRow(
                s.Id.ToString(), Markup.Escape(HostAndPort(s.Initiator)), s.DurationMs.ToString("0.0"), s.Participants.ToString(), s.Nodes.ToString(),
                s.Markers.ToString(), s.RecordedMessages.ToString(), s.AccountsTotal.ToString(), s.InFlightTotal.ToString(), s.Total.ToString(),
                !s.TotalComparable ? "[yellow]partial[/]" : s.Conserved ? "[green]ok[/]" : "[red]VIOLATED[/]");
        }
        console.Write(table);
        foreach (var s in run.Snapshots)
        {
            if (s.TotalComparable)
            {
                foreach (var violation in s.Violations)
                    console.MarkupLineInterpolated($"[red]snapshot {s.Id}:[/] {violation}");
            }
            else
            {
                console.MarkupLineInterpolated(
                    $"[yellow]snapshot {s.Id}:[/] total {s.Total} of accounts that opened with {s.ExpectedTotal} is partial, not comparable: accounts on nodes that left or were lost are not in it, nor what they paid or were paid");
            }
            foreach (var lost in s.LostNodes)
                console.MarkupLineInterpolated($"[yellow]snapshot {s.Id}:[/] node {HostAndPort(lost)} was lost while this command was in the cluster");
            foreach (var departed in s.DepartedNodes)
                console.MarkupLineInterpolated($"[yellow]snapshot {s.Id}:[/] node {HostAndPort(departed.Node.ToString())} left the group with {Counted.Of(departed.Participants, "participant")} since the previous snapshot");
        }
        foreach (var failure in run.Failures)
            console.MarkupLineInterpolated($"[red]failed:[/] {failure}");
        var verdict = !run.AllConserved ? "[red]NOT every snapshot conserved the total[/]"
            : run.Snapshots.Count == 0 ? "[yellow]no snapshot to check[/]"
            : run.NotComparable == run.Snapshots.Count && run.Snapshots.Count > 0 ? "[yellow]no snapshot covered the whole bank: nothing to compare[/]"
            : run.NotComparable > 0 ? $"[green]every snapshot of the whole bank conserved the total[/], {run.NotComparable} partial"
            : "[green]every snapshot conserved the total[/]";
        console.MarkupLine($"{Counted.Of(run.Snapshots.Count, "snapshot")}, {run.Failures.Count} failed, expected total {run.ExpectedTotal}: {verdict}");
        if (run.Interrupted)
            console.MarkupLine($"[yellow]interrupted (Ctrl+C): {Counted.Of(run.Snapshots.Count, "snapshot")} taken before it[/]");
        console.MarkupLine($"duration p50 {run.PercentileMs(50):0.0} ms, p99 {run.PercentileMs(99):0.0} ms");
        if (run.UnreachableEvents is { } events)
            console.MarkupLine(events == 0 ? "no node marked another unreachable" : $"[red]nodes marked others unreachable {Counted.Of(events, "time")}[/]");
    }
}
