using System.CommandLine;
using Snapshot.Cli.Simulate;
using Snapshot.Simulation;
using Spectre.Console;

namespace Snapshot.Cli;

/// <summary>
/// The <c>snapshot</c> command. Every user mistake ends as one <c>error: …</c> line on the error stream
/// and exit code 2, never as a stack trace.
/// </summary>
public static class SnapshotCli
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        var root = new RootCommand("Consistent global snapshots (Chandy–Lamport) for Akka.NET.")
        {
            SimulateCommand.Create(console, output),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            error.WriteLine($"error: {parsed.Errors[0].Message} (see 'snapshot --help')");
            return ExitCodes.BadInput;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (SimulationInputException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
    }
}
