using Spectre.Console;

namespace Snapshot.Cli.Chaos;

/// <summary>Prints a chaos run's report for a person: outcomes, failure reasons and faults side by side, then any problem.</summary>
public static class ChaosTable
{
    public static void Write(IAnsiConsole console, ChaosReport report)
    {
        var outcomes = new Table().AddColumn("Snapshots").AddColumn(new TableColumn("").RightAligned())
            .AddRow("taken", report.Taken.ToString())
            .AddRow("completed", report.Completed.ToString())
            .AddRow("failed", report.Failed.ToString())
            .AddRow("hung", Flagged(report.Hung))
            .AddRow("inconsistent", Flagged(report.Inconsistent));
        var reasons = new Table().AddColumn("Failure reason").AddColumn(new TableColumn("").RightAligned());
        foreach (var (reason, count) in report.Reasons)
            reasons.AddRow(Markup.Escape(reason), count.ToString());
        var faults = new Table().AddColumn("Fault").AddColumn(new TableColumn("").RightAligned());
        foreach (var (fault, count) in report.Faults)
            faults.AddRow(Markup.Escape(fault.Replace('_', ' ')), count.ToString());
        console.Write(new Columns(outcomes, reasons, faults) { Expand = false });
        if (report.NodeRemovalSeconds.Count > 0)
            console.MarkupLine($"crashed nodes removed by the cluster after {string.Join(", ", report.NodeRemovalSeconds.Select(s => $"{s:0.0}s"))}");
        foreach (var problem in report.Problems)
            console.MarkupLineInterpolated($"[red]{problem}[/]");
        var verdict = report.Passed
            ? "[green]no snapshot hung, every completed one was a consistent cut[/]"
            : "[red]snapshots hung or were inconsistent[/]";
        console.MarkupLine($"{DurationText.Format(report.Duration)} of chaos, seed {report.Seed} (--seed {report.Seed} replays the faults): {verdict}");
        if (report.InterruptedAfter is { } after)
            console.MarkupLine($"[yellow]interrupted (Ctrl+C) after {after.TotalSeconds:0.0}s: the counts are those of the snapshots and faults so far[/]");
    }

    private static string Flagged(int count) => count == 0 ? "0" : $"[red]{count}[/]";
}
