using System.CommandLine;
using System.Text.Json;
using Snapshot.Cli.Reports;
using Spectre.Console;

namespace Snapshot.Cli.Chaos;

/// <summary><c>snapshot chaos</c>: snapshots taken without pause on a cluster in this process while faults are injected.</summary>
public static class ChaosCommand
{
    public static Command Create(IAnsiConsole console, TextWriter output)
    {
        var duration = new Option<string>("--duration") { Description = "How long to inject faults and take snapshots, like 60s.", DefaultValueFactory = _ => "60s" };
        var seed = new Option<string?>("--seed") { Description = "Seed of the fault schedule, a whole number (random when not given; printed to replay it)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of tables." };
        var command = new Command("chaos", "Take snapshots without pause on a cluster of nodes on 127.0.0.1 inside this process while accounts are killed, associations dropped and nodes crashed; exit 1 if a snapshot hangs or is not a consistent cut.")
        {
            duration, seed, json,
        };
        command.SetAction((parsed, cancellationToken) =>
        {
            var settings = ChaosSettings.Parse(parsed.GetValue(duration)!, parsed.GetValue(seed));
            return RunAsync(settings, parsed.GetValue(json), console, output, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(ChaosSettings settings, bool json, IAnsiConsole console, TextWriter output, CancellationToken cancellationToken)
    {
        ChaosReport report;
        if (json)
        {
            report = await ChaosRun.RunAsync(settings, _ => { }, cancellationToken);
            output.WriteLine(JsonSerializer.Serialize(report.ToJson(), new JsonSerializerOptions { WriteIndented = true }));
        }
        else
        {
            report = await ProgressLines.RunAsync(console, progress => ChaosRun.RunAsync(settings, progress, cancellationToken));
            ChaosTable.Write(console, report);
        }
        return report.InterruptedAfter is not null ? ExitCodes.Interrupted : report.Passed ? ExitCodes.Success : ExitCodes.InvariantViolated;
    }
}
