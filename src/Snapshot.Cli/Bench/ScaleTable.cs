using Spectre.Console;

namespace Snapshot.Cli.Bench;

/// <summary>
/// Prints a <see cref="ScaleReport"/> for a person: the idle graphs, then the bank on a cluster by size, with the
/// protocol traffic per snapshot over N, so that how it grows with the group reads down a column.
/// </summary>
public static class ScaleTable
{
    public static void Write(IAnsiConsole console, ScaleReport report)
    {
        var local = new Table()
            .AddColumn("Graph, one ActorSystem")
            .AddColumn(new TableColumn("Participants").RightAligned())
            .AddColumn(new TableColumn("Channels").RightAligned())
            .AddColumn("Initiator")
            .AddColumn(new TableColumn("Snapshots").RightAligned())
            .AddColumn(new TableColumn("p50 ms").RightAligned())
            .AddColumn(new TableColumn("p99 ms").RightAligned())
            .AddColumn(new TableColumn("Result MB").RightAligned())
            .AddColumn(new TableColumn("Alloc MB").RightAligned())
            .AddColumn(new TableColumn("GC ms").RightAligned());
        foreach (var l in report.Local)
        {
            local.AddRow(l.Topology.Name, l.Topology.Size.ToString("N0"), l.Channels.ToString("N0"), l.Initiator, l.DurationsMs.Count.ToString(),
                l.P50Ms.ToString("0.0"), l.P99Ms.ToString("0.0"), Megabytes(l.ResultBytes), Megabytes(l.Series.AllocatedBytesPerSnapshot),
                l.Series.GcPauseMsPerSnapshot.ToString("0"));
        }
        console.Write(local);
        console.MarkupLine("Alloc MB, GC ms: what the process allocated and how long the GC paused it, per snapshot of the series.");
        var cluster = new Table()
            .Title($"Bank on {ScaleSettings.Nodes} nodes under transfers")
            .AddColumn(new TableColumn("Accounts").RightAligned())
            .AddColumn(new TableColumn("Chains").RightAligned())
            .AddColumn(new TableColumn("Transfers/s").RightAligned())
            .AddColumn(new TableColumn("Snapshots").RightAligned())
            .AddColumn(new TableColumn("Failed").RightAligned())
            .AddColumn("Conserved")
            .AddColumn("Complete")
            .AddColumn(new TableColumn("p50 ms").RightAligned())
            .AddColumn(new TableColumn("p99 ms").RightAligned())
            .AddColumn(new TableColumn("Unreachable").RightAligned())
            .AddColumn(new TableColumn("Msgs").RightAligned())
            .AddColumn(new TableColumn("Msgs/N").RightAligned())
            .AddColumn(new TableColumn("Bytes").RightAligned())
            .AddColumn(new TableColumn("Bytes/N").RightAligned());
        foreach (var c in report.Cluster)
        {
            cluster.AddRow(c.Accounts.ToString("N0"), c.Chains.ToString("N0"), c.Transfers.MessagesPerSecond.ToString("N0"), c.Snapshots.Taken.ToString(), Flagged(c.Snapshots.Failures.ToString(), c.Snapshots.Failures == 0),
                Flagged(YesNo(c.Conserved), c.Conserved), Flagged(YesNo(c.Complete), c.Complete),
                c.Snapshots.PercentileMs(0.5).ToString("0"), c.Snapshots.PercentileMs(0.99).ToString("0"), c.UnreachableEvents.ToString(),
                c.ProtocolMessagesPerSnapshot.ToString("N0"), (c.ProtocolMessagesPerSnapshot / c.Accounts).ToString("0.00"),
                c.ProtocolBytesPerSnapshot.ToString("N0"), (c.ProtocolBytesPerSnapshot / c.Accounts).ToString("N0"));
        }
        console.Write(cluster);
        console.MarkupLine("Msgs, Bytes: snapshot protocol messages and their bytes the nodes sent one another, per snapshot started; N: accounts.");
    }

    private static string Megabytes(long bytes) => (bytes / 1_000_000.0).ToString("0.00");

    private static string YesNo(bool value) => value ? "yes" : "no";

    private static string Flagged(string text, bool fine) => fine ? text : $"[red]{text}[/]";
}
