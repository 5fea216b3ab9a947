using System.Text.Json;
using Spectre.Console;

namespace Snapshot.Cli.Reports;

/// <summary>How a long-running command reports: progress lines and then tables, or nothing until one JSON object.</summary>
public static class CommandReport
{
    /// <summary>Runs <paramref name="run"/> with progress lines and then tables, or quietly and then one JSON object; the exit code says whether it succeeded.</summary>
    public static async Task<int> RunAsync<T>(Func<Action<string>, Task<T>> run, bool json, IAnsiConsole console, TextWriter output,
        Func<T, object> toJson, Action<IAnsiConsole, T> write, Func<T, bool> succeeded) =>
        succeeded(await ReportAsync(run, json, console, output, toJson, write)) ? ExitCodes.Success : ExitCodes.InvariantViolated;

    /// <summary>Runs <paramref name="run"/> with progress lines and then tables, or quietly and then one JSON object, and returns what it gave.</summary>
    public static async Task<T> ReportAsync<T>(Func<Action<string>, Task<T>> run, bool json, IAnsiConsole console, TextWriter output,
        Func<T, object> toJson, Action<IAnsiConsole, T> write)
    {
        T result;
        if (json)
        {
            result = await run(_ => { });
            output.WriteLine(JsonSerializer.Serialize(toJson(result), new JsonSerializerOptions { WriteIndented = true }));
        }
        else
        {
            result = await ProgressLines.RunAsync(console, run);
            write(console, result);
        }
        return result;
    }
}
