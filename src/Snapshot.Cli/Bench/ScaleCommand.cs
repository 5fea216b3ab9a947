using System.CommandLine;
using Snapshot.Cli.Reports;
using Spectre.Console;

namespace Snapshot.Cli.Bench;

/// <summary><c>snapshot bench scale</c>: how a snapshot's time, its result and its protocol traffic grow with the group.</summary>
public static class ScaleCommand
{
    public static Command Create(IAnsiConsole console, TextWriter output)
    {
        var quick = new Option<bool>("--quick") { Description = "Fewer snapshots and shorter cluster phases, same sizes." };
        var rings = new Option<string>(ScaleSettings.RingOption)
        {
            Description = "Sizes of the rings of idle participants in one ActorSystem, each declaring its successor, like 1000,100000.",
            DefaultValueFactory = _ => ScaleSettings.DefaultRings,
        };
        var completeGraphs = new Option<string>(ScaleSettings.CompleteOption)
        {
            Description = "Sizes of the complete groups of idle participants in one ActorSystem (no channels declared).",
            DefaultValueFactory = _ => ScaleSettings.DefaultCompleteGraphs,
        };
        var accounts = new Option<string>(ScaleSettings.AccountsOption)
        {
            Description = $"Sizes of the bank, a complete group spread over {ScaleSettings.Nodes} nodes on loopback, snapshotted under transfers.",
            DefaultValueFactory = _ => ScaleSettings.DefaultAccounts,
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of tables." };
        var command = new Command("scale", "Measure how snapshots grow with the group: time and result size of idle rings and complete groups in one ActorSystem; latency, protocol messages and bytes of a bank on 3 nodes under transfers, by size. Run it with -c Release.")
        {
            quick, rings, completeGraphs, accounts, json,
        };
        command.SetAction((parsed, cancellationToken) =>
        {
            var (ringSizes, completeSizes, accountSizes) = (parsed.GetValue(rings)!, parsed.GetValue(completeGraphs)!, parsed.GetValue(accounts)!);
            var settings = parsed.GetValue(quick)
                ? ScaleSettings.Quick(ringSizes, completeSizes, accountSizes)
                : ScaleSettings.Full(ringSizes, completeSizes, accountSizes);
            return CommandReport.RunAsync(progress => ScaleRun.RunAsync(settings, progress, cancellationToken), parsed.GetValue(json), console, output,
                report => report.ToJson(), ScaleTable.Write, report => report.Succeeded);
        });
        return command;
    }
}
