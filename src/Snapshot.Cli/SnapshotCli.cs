using System.CommandLine;
using Snapshot.Cli.Bench;
using Snapshot.Cli.Chaos;
using Snapshot.Cli.Demo;
using Snapshot.Cli.Nodes;
using Snapshot.Cli.Simulate;
using Snapshot.Cli.Soak;
using Snapshot.Cli.Stored;
using Snapshot.Simulation;
using Snapshot.Storage;
using Spectre.Console;

namespace Snapshot.Cli;

/// <summary>
/// The <c>snapshot</c> command. Every user mistake ends as one <c>error: …</c> line on the error stream
/// and exit code 2, never as a stack trace.
/// </summary>
public static class SnapshotCli
{
    /// <summary>How long Ctrl+C (or SIGTERM) leaves a command to finish, e.g. a node to leave its cluster.</summary>
    private static readonly TimeSpan GracefulStop = TimeSpan.FromSeconds(30);

    /// <param name="terminal">Where <paramref name="output"/> goes: escape codes only for a terminal that wants them.</param>
    public static int Run(string[] args, TextWriter output, TextWriter error, OutputTerminal terminal)
    {
        var console = AnsiConsole.Create(terminal.ConsoleSettings(output));
        // Written to a file or a pipe, tables are not squeezed into the 80 columns assumed for a non-terminal.
        if (!console.Profile.Capabilities.Interactive)
            console.Profile.Width = Math.Max(console.Profile.Width, 132);
        var root = new RootCommand("Consistent global snapshots (Chandy–Lamport) for Akka.NET.")
        {
            SimulateCommand.Create(console, output, error),
            DemoCommand.Create(console, output, error),
            ChaosCommand.Create(console, output),
            NodeCommand.Create(console),
            TakeCommand.Create(console, output, error),
            BenchCommand.Create(console, output),
            SoakCommand.Create(console, output),
            ListCommand.Create(console, output, error),
            ShowCommand.Create(console, output, error),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            error.WriteLine($"error: {ParseErrorText.Of(parsed)}");
            return ExitCodes.BadInput;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = GracefulStop });
        }
        catch (Exception e) when (e is SimulationInputException or UsageException)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        // A store that failed or holds what cannot be read: the message names the file, and the run did not succeed.
        catch (SnapshotStorageException e)
        {
            error.WriteLine($"error: {e.Message.ReplaceLineEndings(" ")}");
            return ExitCodes.InvariantViolated;
        }
        catch (Exception e)
        {
            // Not the user's mistake but the command's: the trace is for the bug report, and the process still ends with an exit code.
            error.WriteLine($"error: the command failed unexpectedly ({e.GetType().Name}: {e.Message}); please report it with the trace below");
            error.WriteLine(e);
            return ExitCodes.InvariantViolated;
        }
    }
}
