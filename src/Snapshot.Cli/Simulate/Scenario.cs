using Snapshot.Simulation;

namespace Snapshot.Cli.Simulate;

/// <summary>The three inputs of a simulation, and words for the reader on where they came from.</summary>
public sealed record Scenario(Topology Topology, EventScript Events, IDelaySource Delays, string Description)
{
    public static Scenario From(string? topologyPath, string? eventsPath, string? delaysSpec)
    {
        if ((topologyPath is null) != (eventsPath is null))
            throw new SimulationInputException(topologyPath is null ? "--events" : "--topology", null,
                "--topology and --events go together (give neither to run the built-in bank example)");
        if (topologyPath is null || eventsPath is null)
            return new Scenario(
                BankExample.Topology,
                BankExample.Events,
                delaysSpec is null ? BankExample.Delays : DelaySpec.Open(delaysSpec),
                $"{BankExample.Name}: acct1 holds $1000, acct2 $2000, they pay each other, snapshots catch money in flight");
        var spec = delaysSpec ?? SimulateCommand.DefaultDelays;
        TopologySize.Check(topologyPath);
        var topology = TopologyFile.Load(topologyPath);
        var events = EventScript.Load(eventsPath);
        // Checked here, not only when the simulator starts, so a script that cannot run prints no (empty) report.
        events.Validate(topology);
        return new Scenario(topology, events, DelaySpec.Open(spec), $"{topologyPath} with {eventsPath}, delays {spec}");
    }
}
