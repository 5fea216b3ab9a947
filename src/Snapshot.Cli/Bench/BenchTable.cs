using Spectre.Console;

namespace Snapshot.Cli.Bench;

/// <summary>Prints a <see cref="BenchReport"/> for a person: throughput, then latency by graph.</summary>
public static class BenchTable
{
    public static void Write(IAnsiConsole console, BenchReport report)
    {
        var throughput = new Table()
            .AddColumn("Ping-pong workload")
            .AddColumn(new TableColumn("msgs/s").RightAligned())
            .AddColumn(new TableColumn("× plain").RightAligned())
            .AddColumn(new TableColumn("bytes/msg").RightAligned())
            .AddColumn(new TableColumn("snapshots").RightAligned());
        void Row(string name, Throughput t) => throughput.AddRow(
            name, t.MessagesPerSecond.ToString("N0"), (t.MessagesPerSecond / report.Plain.MessagesPerSecond).ToString("0.000"),
            t.BytesPerMessage.ToString("0.000"), t.Snapshots == 0 ? "" : $"{t.Snapshots} ({t.SnapshotsPerSecond:0.#}/s)");
        Row("plain ReceiveActor", report.Plain);
        Row("participants, idle", report.Idle);
        Row("participants, back-to-back snapshots", report.Snapshotting);
        Row("pausable, stop-the-world at that rate", report.StopTheWorld);
        console.Write(throughput);
        console.MarkupLine($"{report.Pairs} pairs, {report.MessagesPerRun:N0} messages a run, {report.Processors} processors; "
            + $"idle extra {report.IdleExtraBytesPerMessage:0.000} bytes/msg; back-to-back / stop-the-world = {report.SnapshottingOverStopTheWorld:0.00}×");
        var latency = new Table()
            .AddColumn("Graph")
            .AddColumn(new TableColumn("Participants").RightAligned())
            .AddColumn(new TableColumn("Channels").RightAligned())
            .AddColumn("Initiator")
            .AddColumn(new TableColumn("Snapshot ms").RightAligned())
            .AddColumn(new TableColumn("Marker bound ms").RightAligned())
            .AddColumn(new TableColumn("× bound").RightAligned())
            .AddColumn(new TableColumn("Snapshot heap KiB").RightAligned());
        foreach (var l in report.Latencies)
        {
            latency.AddRow(l.Topology.Name, l.Topology.Size.ToString("N0"), l.Topology.Channels.ToString("N0"), l.Initiator,
                l.SnapshotMs.ToString("0.00"), l.MarkerBoundMs.ToString("0.00"), l.Ratio.ToString("0.00"), (l.SnapshotHeapBytes / 1024.0).ToString("N0"));
        }
        console.Write(latency);
    }
}
