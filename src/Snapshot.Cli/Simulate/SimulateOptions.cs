using System.CommandLine;
using Snapshot.Cli.Diagrams;

namespace Snapshot.Cli.Simulate;

/// <summary>The options of <c>snapshot simulate</c>, one set per command built.</summary>
public sealed class SimulateOptions
{
    public Option<string?> Topology { get; } = new("--topology") { Description = "Network file (.top): servers, their tokens, and links." };

    public Option<string?> Events { get; } = new("--events") { Description = "Script file (.events): send, snapshot and tick commands." };

    public Option<string?> Delays { get; } = new("--delays") { Description = $"Delays file (one whole number ≥ 1 per line, one per message sent) or random:SEED. Default: {SimulateCommand.DefaultDelays}." };

    public Option<string?> Out { get; } = new("--out") { Description = "Directory to write each snapshot to, as <id>.snap." };

    public Option<string?> Diagram { get; } = DiagramFile.Option("the run");

    public Option<bool> Json { get; } = new("--json") { Description = "Print one JSON object instead of tables." };
}
