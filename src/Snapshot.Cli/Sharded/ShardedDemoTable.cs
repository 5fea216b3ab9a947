using Spectre.Console;

namespace Snapshot.Cli.Sharded;

/// <summary>Prints a sharded demo run for a person: a row per snapshot, then what the entities and shards did.</summary>
public static class ShardedDemoTable
{
    public static void Write(IAnsiConsole console, ShardedRunSummary run)
    {
        var table = new Table()
            .AddColumn("Id")
            .AddColumn(new TableColumn("ms").RightAligned())
            .AddColumn(new TableColumn("Nodes").RightAligned())
            .AddColumn(new TableColumn("Live").RightAligned())
            .AddColumn(new TableColumn("Passivated").RightAligned())
            .AddColumn(new TableColumn("Never started").RightAligned())
            .AddColumn(new TableColumn("In flight").RightAligned())
            .AddColumn(new TableColumn("Total").RightAligned())
            .AddColumn("Conserved");
        foreach (var s in run.Snapshots)
        {
            table.AddRow(s.Id.ToString(), s.DurationMs.ToString("0.0"), s.Nodes.ToString(), s.Live.ToString(), s.Passivated.ToString(), s.NeverStarted.ToString(),
                s.InFlight.ToString(), s.Total.ToString(), s.Conserved ? "[green]ok[/]" : "[red]VIOLATED[/]");
        }
        console.Write(table);
        foreach (var failure in run.Failures)
            console.MarkupLineInterpolated($"[yellow]failed:[/] {failure}");
        console.MarkupLineInterpolated(
            $"accounts started {run.EntityStarts} times ({run.EntitiesStarted} accounts, {run.EntityStarts - run.EntitiesStarted} starts again after passivating or moving); shards moved {run.ShardsMoved} times; {run.SnapshotsWithExtraNode} snapshots spanned the joined node");
        var verdict = run.Snapshots.Count == 0 ? "[yellow]no snapshot to check[/]"
            : run.AllConserved ? "[green]every snapshot conserved the total[/]" : "[red]NOT every snapshot conserved the total[/]";
        console.MarkupLine($"{Counted.Of(run.Snapshots.Count, "snapshot")}, {run.Failures.Count} failed, expected total {run.Settings.ExpectedTotal}: {verdict}");
        if (run.Interrupted)
            console.MarkupLine("[yellow]interrupted (Ctrl+C)[/]");
        console.MarkupLine($"duration p50 {run.PercentileMs(50):0.0} ms, p99 {run.PercentileMs(99):0.0} ms");
    }
}
