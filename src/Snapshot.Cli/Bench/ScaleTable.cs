using Spectre.Console;

namespace Snapshot.Cli.Bench;

/// <summary>
/// Prints a <see cref="ScaleReport"/> for a person: the idle graphs, then the bank on a cluster by size, with the
/// protocol traffic per snapshot over N and over N² so that its growth with the group reads down a column.
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
            .AddColumn(new TableColumn("Result MB").RightAligned());
        foreach (var l in report.Local)
        {
            local.AddRow(l.Topology.Name, l.Topology.Size.ToString("N0"), l.Channels.ToString("N0"), l.Initiator, l.DurationsMs.Count.ToString(),
                l.P50Ms.ToString("0.0"), l.P99Ms.ToString("0.0"), Megabytes(l.ResultBytes));
        }
        console.Write(local);
        var cluster = new Table()
            .AddColumn(new TableColumn("Accounts").RightAligned())
            .AddColumn(new TableColumn("Nodes").RightAligned())
            .AddColumn(new TableColumn("Snapshots").RightAligned())
            .AddColumn(new TableColumn("Failed").RightAligned())
            .AddColumn("Conserved")
            .AddColumn("Complete")
            .AddColumn(new TableColumn("p50 ms").RightAligned())
            .AddColumn(new TableColumn("p99 ms").RightAligned())
            .AddColumn(new TableColumn("Unreachable").RightAligned())
            .AddColumn(new TableColumn("Protocol msgs").RightAligned())
            .AddColumn(new TableColumn("msgs / N").RightAligned())
            .AddColumn(new TableColumn("Protocol bytes").RightAligned())
            .AddColumn(new TableColumn("bytes / N²").RightAligned());
        foreach (var c in report.Cluster)
        {
            var n = (double)c.Accounts;
            cluster.AddRow(c.Accounts.ToString("N0"), c.Nodes.ToString(), c.Snapshots.Taken.ToString(), Flagged(c.Snapshots.Failures.ToString(), c.Snapshots.Failures == 0),
                Flagged(YesNo(c.Conserved), c.Conserved), Flagged(YesNo(c.Complete), c.Complete),
                c.Snapshots.PercentileMs(0.5).ToString("0.0"), c.Snapshots.PercentileMs(0.99).ToString("0.0"), c.UnreachableEvents.ToString(),
                c.ProtocolMessagesPerSnapshot.ToString("N0"), (c.ProtocolMessagesPerSnapshot / n).ToString("0.00"),
                c.ProtocolBytesPerSnapshot.ToString("N0"), (c.ProtocolBytesPerSnapshot / (n * n)).ToString("0.00"));
        }
        console.Write(cluster);
        console.MarkupLine("Protocol messages and bytes: sent between nodes per snapshot started, summed over the nodes.");
    }

    private static string Megabytes(long bytes) => (bytes / 1_000_000.0).ToString("0.00");

    private static string YesNo(bool value) => value ? "yes" : "no";

    private static string Flagged(string text, bool fine) => fine ? text : $"[red]{text}[/]";
}
