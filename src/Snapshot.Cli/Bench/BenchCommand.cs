using System.CommandLine;
using Snapshot.Cli.Reports;
using Spectre.Console;

namespace Snapshot.Cli.Bench;

/// <summary><c>snapshot bench</c>: what snapshots cost a running system: throughput idle and snapshotting, against stop-the-world, latency by size, a bank locally and over a cluster.</summary>
public static class BenchCommand
{
    public static Command Create(IAnsiConsole console, TextWriter output)
    {
        var quick = new Option<bool>("--quick") { Description = "Shorter runs: under two minutes." };
        var pairs = new Option<int>("--pairs") { Description = "Ping-pong pairs.", DefaultValueFactory = _ => 8 };
        var messages = new Option<long?>("--messages") { Description = "Messages per ping-pong run (default 10000000, 2000000 with --quick)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of tables." };
        var command = new Command("bench", "Measure snapshot overhead: ping-pong throughput idle, snapshotting and stop-the-world; snapshot latency by graph size; bank transfers idle and snapshotting, in one ActorSystem and on 3 nodes. Run it with -c Release.")
        {
            quick, pairs, messages, json,
            ScaleCommand.Create(console, output),
        };
        command.SetAction((parsed, cancellationToken) =>
        {
            var settings = (parsed.GetValue(quick)
                ? BenchSettings.Quick(parsed.GetValue(pairs), parsed.GetValue(messages))
                : BenchSettings.Full(parsed.GetValue(pairs), parsed.GetValue(messages))).Validated();
            return CommandReport.RunAsync(progress => BenchRun.RunAsync(settings, progress, cancellationToken), parsed.GetValue(json), console, output,
                report => report.ToJson(), BenchTable.Write, _ => true);
        });
        return command;
    }
}
