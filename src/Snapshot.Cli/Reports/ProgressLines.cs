using Spectre.Console;

namespace Snapshot.Cli.Reports;

/// <summary>
/// Long work that reports progress a line at a time: each line is printed, and on a terminal the latest one also
/// stands by a spinner. Piped, or without escape codes, there is no spinner: Spectre would print every status change as a
/// line of its own.
/// </summary>
public static class ProgressLines
{
    public static Task<T> RunAsync<T>(IAnsiConsole console, Func<Action<string>, Task<T>> work)
    {
        void Print(string line) => console.MarkupLineInterpolated($"[grey]{line}[/]");
        if (!console.Profile.Capabilities.Interactive || !console.Profile.Capabilities.Ansi)
            return work(Print);
        return console.Status().StartAsync("starting", status => work(line =>
        {
            status.Status(Markup.Escape(line.Split('\n')[0]));
            Print(line);
        }));
    }
}
