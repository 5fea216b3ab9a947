using System.CommandLine;
using Snapshot.Cli.Reports;
using Spectre.Console;

namespace Snapshot.Cli.Soak;

/// <summary><c>snapshot soak</c>: whether long runs hold their memory, the heap and the extension's own tables period by period.</summary>
public static class SoakCommand
{
    public static Command Create(IAnsiConsole console, TextWriter output)
    {
        var duration = new Option<string>(SoakSettings.DurationOption)
        {
            Description = "How long the traffic and snapshots run, like 30m or 2h.",
            DefaultValueFactory = _ => SoakSettings.DefaultDuration,
        };
        var every = new Option<string>(SoakSettings.EveryOption)
        {
            Description = "How often the heap and the tables are measured and printed, like 1m or 10s.",
            DefaultValueFactory = _ => SoakSettings.DefaultEvery,
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object with every period at the end instead of a table per period." };
        var command = new Command("soak", $"Take snapshots back to back on {SoakSettings.Nodes} nodes on loopback under transfers and measure, each period, the managed heap after a full collection and the sizes of the snapshot extension's own tables. Exit code 0 when flat: the heap over the last third of the periods at most {SoakSettings.HeapGrowthAllowed * 100:0}% above the first third's (medians), and every table back at its idle size at the end. Run it with -c Release.")
        {
            duration, every, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var settings = SoakSettings.Parse(parsed.GetValue(duration)!, parsed.GetValue(every)!);
            var quiet = parsed.GetValue(json);
            var report = await CommandReport.ReportAsync(
                progress => SoakRun.RunAsync(settings, progress, (idle, period) =>
                {
                    if (!quiet)
                        SoakTable.WritePeriod(console, idle, period);
                }, cancellationToken),
                quiet, console, output, r => r.ToJson(), SoakTable.Write);
            return report.Succeeded ? ExitCodes.Success : ExitCodes.InvariantViolated;
        });
        return command;
    }
}
