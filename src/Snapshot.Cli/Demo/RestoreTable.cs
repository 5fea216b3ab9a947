using Snapshot.Cli.Reports;
using Spectre.Console;

namespace Snapshot.Cli.Demo;

/// <summary>Prints a <c>demo --restore</c> run for a person: the checkpoint beside the restored bank, then the snapshots after.</summary>
public static class RestoreTable
{
    public static void Write(IAnsiConsole console, RestoreSummary summary)
    {
        var table = new Table()
            .AddColumn("Bank")
            .AddColumn(new TableColumn("Actors").RightAligned())
            .AddColumn(new TableColumn("Nodes").RightAligned())
            .AddColumn(new TableColumn("Recorded").RightAligned())
            .AddColumn(new TableColumn("In accounts").RightAligned())
            .AddColumn(new TableColumn("In flight").RightAligned())
            .AddColumn(new TableColumn("Total").RightAligned());
        foreach (var (name, report) in new[] { ($"checkpoint, stored snapshot {summary.StoredId}", summary.Checkpoint), ("restored, before new orders", summary.Restored) })
        {
            table.AddRow(name, report.Participants.ToString(), report.Nodes.ToString(), report.RecordedMessages.ToString(),
                report.AccountsTotal.ToString(), report.InFlightTotal.ToString(), report.Total.ToString());
        }
        console.Write(table);
        var verdict = summary.RestoredExactly
            ? "[green]the restored bank holds the checkpoint's money, each account exactly[/]"
            : "[red]the restored bank does NOT hold the checkpoint's money[/]";
        console.MarkupLine($"{Counted.Of(summary.ReplayedMessages, "message")} replayed, {summary.ExactAccounts} of {Counted.Of(summary.Checkpoint.Participants, "account")} exact: {verdict}");
        console.MarkupLine("after the restore, with transfers running again:");
        SnapshotTable.Write(console, summary.Run);
        var store = summary.Store == LocalCluster.DefaultSnapshotStore ? "" : $" --store {summary.Store}";
        console.MarkupLineInterpolated($"the checkpoint is snapshot {summary.StoredId} in {summary.Store}; to restore it again:");
        console.MarkupLineInterpolated($"  snapshot demo --restore-from {summary.StoredId}{store}");
    }
}
