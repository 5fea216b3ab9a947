using Spectre.Console;

namespace Snapshot.Cli.Bench;

/// <summary>Prints a <see cref="BenchReport"/> for a person: ping-pong throughput, latency by graph, the bank, the bank over a cluster.</summary>
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
        console.MarkupLine($"{Counted.Of(report.Pairs, "pair")}, {report.MessagesPerRun:N0} {Counted.Noun(report.MessagesPerRun, "message")} a run, {Counted.Of(report.Processors, "processor")}; "
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
        WriteBank(console, report.Bank);
        WriteRemote(console, report.Remote);
    }

    private static void WriteBank(IAnsiConsole console, BankFigures bank)
    {
        var table = new Table()
            .AddColumn("Bank transfer workload")
            .AddColumn(new TableColumn("transfers/s").RightAligned())
            .AddColumn(new TableColumn("× plain").RightAligned())
            .AddColumn(new TableColumn("bytes/msg").RightAligned())
            .AddColumn(new TableColumn("snapshots").RightAligned());
        void Row(string name, Throughput t) => table.AddRow(
            name, t.MessagesPerSecond.ToString("N0"), (t.MessagesPerSecond / bank.Plain.MessagesPerSecond).ToString("0.000"),
            t.BytesPerMessage.ToString("0.000"), t.Snapshots == 0 ? "" : $"{t.Snapshots} ({t.SnapshotsPerSecond:0.#}/s)");
        Row("plain ReceiveActor accounts", bank.Plain);
        Row("participant accounts, idle", bank.Idle);
        Row("participant accounts, back-to-back snapshots", bank.Snapshotting);
        console.Write(table);
        console.MarkupLine($"{Counted.Of(bank.Accounts, "account")}, {Counted.Of(bank.Chains, "payment chain")}, {bank.Plain.Messages:N0} {Counted.Noun(bank.Plain.Messages, "transfer")} a run; "
            + $"idle extra {bank.IdleExtraBytesPerMessage:0.000} bytes/msg; {Snapshots(bank.Snapshots)}");
    }

    private static void WriteRemote(IAnsiConsole console, RemoteFigures remote)
    {
        var table = new Table()
            .AddColumn($"Bank on {Counted.Of(remote.Nodes, "node")}, loopback")
            .AddColumn(new TableColumn("transfers/s").RightAligned())
            .AddColumn(new TableColumn("× idle").RightAligned())
            .AddColumn(new TableColumn("snapshots").RightAligned())
            .AddColumn(new TableColumn("p50 ms").RightAligned())
            .AddColumn(new TableColumn("p99 ms").RightAligned())
            .AddColumn(new TableColumn("max ms").RightAligned());
        table.AddRow("participant accounts, idle", remote.Idle.MessagesPerSecond.ToString("N0"), "1.000", "", "", "", "");
        var s = remote.Snapshots;
        table.AddRow("participant accounts, back-to-back snapshots", remote.Snapshotting.MessagesPerSecond.ToString("N0"),
            remote.SnapshottingRatio.ToString("0.000"), $"{s.Taken} ({remote.Snapshotting.SnapshotsPerSecond:0.#}/s)",
            s.PercentileMs(0.5).ToString("0.00"), s.PercentileMs(0.99).ToString("0.00"), s.MaxMs.ToString("0.00"));
        console.Write(table);
        console.MarkupLine($"{Counted.Of(remote.Participants, "participant account")}, {remote.Phase.TotalSeconds:0.#} s a phase; {Snapshots(remote.Snapshots)}");
    }

    private static string Snapshots(SnapshotSeries s) =>
        (s.ConservationViolations == 0 ? $"every snapshot conserved the money ({Counted.Of(s.Taken, "snapshot")})" : $"[red]{s.ConservationViolations} of {Counted.Of(s.Taken, "snapshot")} did not conserve the money[/]")
        + (s.Incomplete == 0 ? "" : $", [red]{s.Incomplete} left out an account[/]")
        + (s.Failures == 0 ? "" : $", [red]{s.Failures} failed[/]");
}
