using Spectre.Console;

namespace Snapshot.Cli.Soak;

/// <summary>
/// Prints a <c>snapshot soak</c> for a person: at the end of each period, the heap and the size of every table not empty
/// now or at idle, beside its idle size; at the end, each such table's idle, largest and final size, and the verdict.
/// </summary>
public static class SoakTable
{
    public static void WritePeriod(IAnsiConsole console, IReadOnlyDictionary<string, int> idle, SoakPeriod period)
    {
        console.MarkupLine($"period {period.Number}, {Clock(period.Elapsed)}: heap {Megabytes(period.HeapBytes)} MB, {period.Snapshots:N0} snapshots, {Flagged($"{period.Failed:N0} failed", period.Failed == 0)}");
        var table = new Table()
            .AddColumn("Table")
            .AddColumn(new TableColumn("Idle").RightAligned())
            .AddColumn(new TableColumn("Now").RightAligned());
        foreach (var name in Shown(idle, [period.Tables]))
        {
            var (before, now) = (idle.GetValueOrDefault(name), period.Tables.GetValueOrDefault(name));
            table.AddRow(name, before.ToString("N0"), Flagged(now.ToString("N0"), now <= before));
        }
        console.Write(table);
    }

    public static void Write(IAnsiConsole console, SoakReport report)
    {
        console.MarkupLine($"{report.Periods.Count} periods: {report.Snapshots:N0} snapshots ({report.Failed:N0} failed, {Flagged($"{report.Inconsistent:N0} missing money", report.Inconsistent == 0)}), {report.Transfers:N0} transfers");
        var table = new Table()
            .AddColumn("Table")
            .AddColumn(new TableColumn("Idle").RightAligned())
            .AddColumn(new TableColumn("Largest").RightAligned())
            .AddColumn(new TableColumn("End").RightAligned());
        foreach (var name in Shown(report.Idle, [.. report.Periods.Select(p => p.Tables), report.End]))
        {
            var (idle, end) = (report.Idle.GetValueOrDefault(name), report.End.GetValueOrDefault(name));
            var largest = report.Periods.Select(p => p.Tables.GetValueOrDefault(name)).DefaultIfEmpty(0).Max();
            table.AddRow(name, idle.ToString("N0"), largest.ToString("N0"), Flagged(end.ToString("N0"), end == idle));
        }
        console.Write(table);
        if (report.Periods.Count > 0)
        {
            console.MarkupLine(Flagged(
                $"heap after a full collection, median of the first and last third of the periods: {Megabytes(report.HeapAtStart)} MB, then {Megabytes(report.HeapAtEnd)} MB ({report.HeapGrowth * 100:+0.0;-0.0}%, at most +{SoakSettings.HeapGrowthAllowed * 100:0}% is flat)",
                report.HeapFlat));
        }
        console.MarkupLine(report.NotBackToIdle.Count == 0
            ? "every table back at its idle size at the end"
            : $"[red]not back at idle size: {string.Join(", ", report.NotBackToIdle.Select(t => $"{t.Table} {t.Idle:N0} → {t.End:N0}"))}[/]");
        if (report.StoppedEarly)
            console.MarkupLine("[yellow]stopped early: the run was cancelled[/]");
        console.MarkupLine(report.Succeeded ? "[green]flat[/]" : "[red]not flat[/]");
    }

    /// <summary>The tables not empty at idle or in any of <paramref name="measured"/>, by name.</summary>
    private static IEnumerable<string> Shown(IReadOnlyDictionary<string, int> idle, IReadOnlyList<IReadOnlyDictionary<string, int>> measured) =>
        idle.Where(t => t.Value > 0).Select(t => t.Key)
            .Union(measured.SelectMany(tables => tables.Where(t => t.Value > 0).Select(t => t.Key)))
            .Order(StringComparer.Ordinal);

    private static string Clock(TimeSpan elapsed) => $"{(int)elapsed.TotalMinutes}m{elapsed.Seconds:00}s";

    private static string Megabytes(long bytes) => (bytes / 1_000_000.0).ToString("0.0");

    private static string Flagged(string text, bool fine) => fine ? text : $"[red]{text}[/]";
}
