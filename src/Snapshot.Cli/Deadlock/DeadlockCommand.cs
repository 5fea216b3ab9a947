using System.CommandLine;
using System.Text.Json;
using Spectre.Console;

namespace Snapshot.Cli.Deadlock;

/// <summary>
/// <c>snapshot demo deadlock</c>: the seed's deadlock, made by real actors, found in a snapshot, next to runs of the
/// same actors that do not deadlock, one of them cut while a grant is in flight. Exit code 0 when the analysis finds
/// exactly what each run made (the seed's cycle in the first, none in the others, the grant in the last): finding
/// the deadlock is the demo succeeding. 1 when it finds anything else.
/// </summary>
public static class DeadlockCommand
{
    public static Command Create(IAnsiConsole console, TextWriter output)
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of tables." };
        var command = new Command("deadlock", "Make the seed's deadlock (A holds lock 1 and waits for lock 2, B the reverse) and runs without one, snapshot each, and find the deadlock.")
        {
            json,
        };
        command.SetAction((parsed, cancellationToken) => RunAsync(parsed.GetValue(json), console, output, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(bool json, IAnsiConsole console, TextWriter output, CancellationToken cancellationToken)
    {
        var runs = new List<DeadlockRunReport>();
        foreach (var scenario in DeadlockScenario.All)
            runs.Add(await DeadlockRun.RunAsync(scenario, cancellationToken));
        var asExpected = runs.All(r => r.AsExpected);
        if (json)
            output.WriteLine(JsonSerializer.Serialize(new { runs = runs.Select(r => r.ToJson()), as_expected = asExpected }, new JsonSerializerOptions { WriteIndented = true }));
        else
            DeadlockTable.Write(console, runs);
        return asExpected ? ExitCodes.Success : ExitCodes.InvariantViolated;
    }
}
