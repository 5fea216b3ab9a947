using System.CommandLine;
using System.Text.Json;
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
        };
        command.SetAction((parsed, cancellationToken) =>
        {
            var settings = (parsed.GetValue(quick)
                ? BenchSettings.Quick(parsed.GetValue(pairs), parsed.GetValue(messages))
                : BenchSettings.Full(parsed.GetValue(pairs), parsed.GetValue(messages))).Validated();
            return RunAsync(settings, parsed.GetValue(json), console, output, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(BenchSettings settings, bool json, IAnsiConsole console, TextWriter output, CancellationToken cancellationToken)
    {
        if (json)
        {
            var report = await BenchRun.RunAsync(settings, _ => { }, cancellationToken);
            output.WriteLine(JsonSerializer.Serialize(report.ToJson(), new JsonSerializerOptions { WriteIndented = true }));
        }
        else
        {
            var report = await ProgressLines.RunAsync(console, progress => BenchRun.RunAsync(settings, progress, cancellationToken));
            BenchTable.Write(console, report);
        }
        return ExitCodes.Success;
    }
}
