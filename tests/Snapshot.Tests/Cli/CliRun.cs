using Snapshot.Cli;

namespace Snapshot.Tests.Cli;

/// <summary>One in-process run of the <c>snapshot</c> command: its exit code and what it wrote to each stream.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    /// <summary>Output to a file, as the tests capture it: no escape codes.</summary>
    public static readonly OutputTerminal File = new(OutputRedirected: true, _ => null);

    public static CliRun Of(params string[] args) => On(File, args);

    /// <summary>The command as if its standard output went to <paramref name="terminal"/>.</summary>
    public static CliRun On(OutputTerminal terminal, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = SnapshotCli.Run(args, output, error, terminal);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>
    /// Asserts the run ended as a user mistake: exit code 2 and exactly one line <c>error: INPUT:LINE: problem</c>
    /// (<c>error: INPUT: problem</c> when <paramref name="line"/> is null) on the error stream, no stack trace.
    /// Returns the problem, for the caller to check what it says.
    /// </summary>
    public string AssertBadInput(string input, int? line)
    {
        var message = AssertOneErrorLine();
        var prefix = line is null ? $"error: {input}: " : $"error: {input}:{line}: ";
        Assert.StartsWith(prefix, message);
        return message[prefix.Length..];
    }

    /// <summary>Asserts exit code 2 and a single <c>error: …</c> line without a stack trace; returns that line.</summary>
    public string AssertOneErrorLine()
    {
        Assert.True(ExitCode == ExitCodes.BadInput, $"exit code {ExitCode}, expected {ExitCodes.BadInput}; error stream:\n{Error}");
        var lines = Error.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToArray();
        Assert.True(lines.Length == 1, $"expected one error line, found {lines.Length}:\n{Error}");
        Assert.DoesNotContain("   at ", Error);
        Assert.DoesNotContain("Exception", Error);
        Assert.StartsWith("error: ", lines[0]);
        return lines[0];
    }
}
