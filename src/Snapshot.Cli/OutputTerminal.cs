using Spectre.Console;

namespace Snapshot.Cli;

/// <summary>
/// Where standard output goes, as far as styling it goes: colour, bold and a spinner only on a terminal, and not
/// even there when <c>NO_COLOR</c> is set to anything (https://no-color.org). A file or a pipe gets plain text.
/// </summary>
/// <param name="OutputRedirected">Standard output is a file or a pipe, not a terminal.</param>
/// <param name="Environment">Reads an environment variable; null when it is not set.</param>
public sealed record OutputTerminal(bool OutputRedirected, Func<string, string?> Environment)
{
    /// <summary>This process's standard output and environment.</summary>
    public static OutputTerminal OfThisProcess() => new(Console.IsOutputRedirected, System.Environment.GetEnvironmentVariable);

    /// <summary>No escape codes at all: Spectre would otherwise go by <c>TERM</c>, which describes the terminal, not a redirection.</summary>
    public bool Plain => OutputRedirected || !string.IsNullOrEmpty(Environment("NO_COLOR"));

    /// <summary>A console writing to <paramref name="output"/> as this terminal allows.</summary>
    public AnsiConsoleSettings ConsoleSettings(TextWriter output) => new()
    {
        Out = new AnsiConsoleOutput(output),
        Ansi = Plain ? AnsiSupport.No : AnsiSupport.Detect,
        ColorSystem = Plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
    };
}
