using System.CommandLine;
using Snapshot.Simulation;
using Spectre.Console;

namespace Snapshot.Cli.Simulate;

/// <summary><c>snapshot simulate</c>: runs the deterministic simulator and prints every snapshot it took.</summary>
public static class SimulateCommand
{
    public const string DefaultDelays = "random:0";

    private static readonly Option<string?> TopologyOption = new("--topology") { Description = "Network file (.top): servers, their tokens, and links." };
    private static readonly Option<string?> EventsOption = new("--events") { Description = "Script file (.events): send, snapshot and tick commands." };
    private static readonly Option<string?> DelaysOption = new("--delays") { Description = $"Delays file (one whole number ≥ 1 per line, one per message sent) or random:SEED. Default: {DefaultDelays}." };
    private static readonly Option<string?> OutOption = new("--out") { Description = "Directory to write each snapshot to, as <id>.snap." };
    private static readonly Option<bool> JsonOption = new("--json") { Description = "Print one JSON object instead of tables." };

    public static Command Create(IAnsiConsole console, TextWriter output)
    {
        var command = new Command("simulate", "Run the deterministic simulator. Without --topology and --events, runs the built-in bank example.")
        {
            TopologyOption, EventsOption, DelaysOption, OutOption, JsonOption,
        };
        command.SetAction(parsed => Execute(parsed, console, output));
        return command;
    }

    private static int Execute(ParseResult parsed, IAnsiConsole console, TextWriter output)
    {
        var scenario = Scenario.From(parsed.GetValue(TopologyOption), parsed.GetValue(EventsOption), parsed.GetValue(DelaysOption));
        var simulator = new Simulator(scenario.Topology, scenario.Delays);
        SimulationInputException? failure = null;
        try
        {
            simulator.Run(scenario.Events);
        }
        catch (SimulationInputException e)
        {
            failure = e;
        }

        // Whatever completed before a mistake in the script is still written and shown.
        var snapshots = simulator.Completed;
        if (parsed.GetValue(OutOption) is { } directory)
            SnapDirectory.Write(directory, snapshots);
        if (parsed.GetValue(JsonOption))
            SimulationJson.Write(output, scenario, snapshots);
        else
            SimulationReport.Write(console, scenario, snapshots);

        if (failure is not null)
            throw failure;
        return snapshots.All(s => s.IsConserved) ? ExitCodes.Success : ExitCodes.InvariantViolated;
    }
}
