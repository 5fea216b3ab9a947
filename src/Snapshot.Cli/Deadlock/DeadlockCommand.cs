using System.CommandLine;
using System.Text.Json;
using Spectre.Console;

namespace Snapshot.Cli.Deadlock;

/// <summary>
/// <c>snapshot demo deadlock</c>: the seed's deadlock, made by real actors, found in a snapshot, next to a run of the
/// same actors that does not deadlock. Exit code 0 when the analysis finds exactly the cycle of the first run and
/// nothing in the second (finding the deadlock is the demo succeeding), 1 when it finds anything else.
/// </summary>
public static class DeadlockCommand
{
    public static Command Create(IAnsiConsole console, TextWriter output)
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of tables." };
        var command = new Command("deadlock", "Make the seed's deadlock (A holds lock 1 and waits for lock 2, B the reverse) and a run without one, snapshot both, and find the deadlock.")
        {
            json,
        };
        command.SetAction((parsed, cancellationToken) => RunAsync(parsed.GetValue(json), console, output, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(bool json, IAnsiConsole console, TextWriter output, CancellationToken cancellationToken)
    {
        var runs = new List<DeadlockRunReport>();
        foreach (var scenario in new[] { DeadlockScenario.Deadlocked, DeadlockScenario.Ordered })
            runs.Add(await DeadlockRun.RunAsync(scenario, cancellationToken));
        var asExpected = runs.All(r => r.AsExpected);
        if (json)
            output.WriteLine(JsonSerializer.Serialize(new { runs = runs.Select(r => r.ToJson()), as_expected = asExpected }, new JsonSerializerOptions { WriteIndented = true }));
        else
            DeadlockTable.Write(console, runs);
        return asExpected ? ExitCodes.Success : ExitCodes.InvariantViolated;
    }
}
