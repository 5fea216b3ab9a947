namespace Snapshot.Simulation;

/// <summary>A mistake in a user's input file or option, located as precisely as it can be.</summary>
public sealed class SimulationInputException(string input, int? line, string problem)
    : Exception(line is null ? $"{input}: {problem}" : $"{input}:{line}: {problem}")
{
    /// <summary>The file (or option) the mistake is in.</summary>
    public string Input { get; } = input;

    /// <summary>1-based line number, when the mistake is on one line.</summary>
    public int? Line { get; } = line;

    public string Problem { get; } = problem;
}
