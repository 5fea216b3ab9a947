using System.CommandLine;
using System.Text.Json;
using Snapshot.Cli.Chaos.Processes;
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
        var processes = new Option<bool>("--processes")
        {
            Description = "Run the nodes as `snapshot node` processes, this command a client of their cluster, and kill -9, freeze (SIGSTOP/SIGCONT) and interrupt (a graceful leave) them.",
        };
        var config = new Option<string>("--config")
        {
            Description = "With --processes: the HOCON file every node process starts with, its port and seed node overridden.",
            DefaultValueFactory = _ => "hocon/node1.conf",
        };
        var command = new Command("chaos", "Take snapshots without pause on a cluster of nodes on 127.0.0.1 inside this process (or, with --processes, in processes of their own) while faults are injected; exit 1 if a snapshot hangs or is not a consistent cut.")
        {
            duration, seed, json, processes, config,
        };
        command.SetAction((parsed, cancellationToken) =>
        {
            var settings = ChaosSettings.Parse(parsed.GetValue(duration)!, parsed.GetValue(seed));
            if (parsed.GetValue(processes))
                return RunProcessesAsync(settings, parsed.GetValue(config)!, parsed.GetValue(json), console, output, parsed.InvocationConfiguration.Error, cancellationToken);
            if (parsed.GetResult(config) is { Implicit: false })
                throw new UsageException("--config", "applies to --processes only: the nodes of `chaos` alone run inside this process");
            return RunAsync(settings, parsed.GetValue(json), console, output, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunProcessesAsync(ChaosSettings settings, string config, bool json, IAnsiConsole console, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ProcessChaosReport report;
        try
        {
            if (json)
            {
                report = await ProcessChaosRun.RunAsync(settings, config, _ => { }, cancellationToken);
                output.WriteLine(report.ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                report = await ProgressLines.RunAsync(console, progress => ProcessChaosRun.RunAsync(settings, config, progress, cancellationToken));
                ChaosTable.Write(console, report.Run with { Faults = new SortedDictionary<string, int>(report.Processes.Concat(report.Run.Faults).ToDictionary(), StringComparer.Ordinal) });
                console.MarkupLine($"rebased: {Counted.Of(report.Rebased, "completed snapshot")} started a new baseline after a node departed (money compared with none before)");
            }
        }
        catch (NodeProcessException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.InvariantViolated;
        }
        return report.Passed ? ExitCodes.Success : ExitCodes.InvariantViolated;
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
