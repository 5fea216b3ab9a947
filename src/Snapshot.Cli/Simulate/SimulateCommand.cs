using System.CommandLine;
using Snapshot.Cli.Diagrams;
using Snapshot.Simulation;
using Spectre.Console;

namespace Snapshot.Cli.Simulate;

/// <summary><c>snapshot simulate</c>: runs the deterministic simulator and prints every snapshot it took.</summary>
public static class SimulateCommand
{
    public const string DefaultDelays = "random:0";

    public static Command Create(IAnsiConsole console, TextWriter output, TextWriter error)
    {
        // New options for every command: System.CommandLine records each command an option is added to,
        // so static options would keep growing, unsynchronized, with every in-process SnapshotCli.Run.
        var options = new SimulateOptions();
        var command = new Command("simulate", "Run the deterministic simulator. Without --topology and --events, runs the built-in bank example.")
        {
            options.Topology, options.Events, options.Delays, options.Out, options.Diagram, options.Json,
        };
        command.SetAction(parsed => Execute(parsed, options, console, output, error));
        return command;
    }

    private static int Execute(ParseResult parsed, SimulateOptions options, IAnsiConsole console, TextWriter output, TextWriter error)
    {
        var scenario = Scenario.From(parsed.GetValue(options.Topology), parsed.GetValue(options.Events), parsed.GetValue(options.Delays));
        var diagram = DiagramFile.From(parsed.GetValue(options.Diagram));
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
        if (parsed.GetValue(options.Out) is { } directory)
            SnapDirectory.Write(directory, snapshots);
        var json = parsed.GetValue(options.Json);
        if (json)
            SimulationJson.Write(output, scenario, snapshots);
        else
            SimulationReport.Write(console, scenario, snapshots);
        // With --json standard output holds the JSON document alone: where the diagram went goes to the error stream.
        diagram?.Write(SimulationDiagram.Of(scenario, simulator.Trace, snapshots, simulator.Time), json ? error : output);

        if (failure is not null)
            throw failure;
        return snapshots.All(s => s.IsConserved) ? ExitCodes.Success : ExitCodes.InvariantViolated;
    }
}
