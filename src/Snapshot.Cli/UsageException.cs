namespace Snapshot.Cli;

/// <summary>A command-line option with a value the command cannot use; reported as one line naming the option.</summary>
public sealed class UsageException(string option, string problem) : Exception($"{option}: {problem}")
{
    public string Option { get; } = option;
}
