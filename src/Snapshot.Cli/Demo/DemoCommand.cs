using System.CommandLine;
using Snapshot.Cli.Deadlock;
using Snapshot.Cli.Diagrams;
using Snapshot.Cli.Reports;
using Snapshot.Cli.Stored;
using Spectre.Console;

namespace Snapshot.Cli.Demo;

/// <summary><c>snapshot demo</c>: the bank on a 3-node cluster in this process, snapshotted while it runs.</summary>
public static class DemoCommand
{
    public static Command Create(IAnsiConsole console, TextWriter output, TextWriter error)
    {
        var defaults = DemoSettings.Default;
        var nodes = new Option<int>("--nodes") { Description = "Cluster nodes to start.", DefaultValueFactory = _ => defaults.Nodes };
        var accounts = new Option<int>("--accounts") { Description = "Bank accounts, spread over the nodes.", DefaultValueFactory = _ => defaults.Accounts };
        var duration = new Option<string>("--duration") { Description = "How long to take snapshots, like 10s.", DefaultValueFactory = _ => "10s" };
        var interval = new Option<string>("--interval") { Description = "Time between snapshots, like 500ms.", DefaultValueFactory = _ => "500ms" };
        var seed = new Option<int>("--seed") { Description = "Seed of the random transfers.", DefaultValueFactory = _ => defaults.Seed };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of tables." };
        var diagram = DiagramFile.Option($"the snapshot that caught the most money in flight between the first {DemoDiagram.AccountsDrawn} accounts, as they saw it");
        var restore = new Option<bool>("--restore")
        {
            Description = "Store a snapshot as a checkpoint, crash every node, restore the bank on new nodes from the stored checkpoint, check its money, then snapshot it as it runs again.",
        };
        var restoreFrom = new Option<string?>(StoredCheckpoint.OptionName)
        {
            Description = $"Restore the bank on new nodes from this stored snapshot (an id 'snapshot list' shows, or '{StoredCheckpoint.Latest}' for the bank's newest), check its money, then snapshot it as it runs again.",
        };
        var store = new Option<string>("--store")
        {
            Description = "The local snapshot store's directory, where --restore stores its checkpoint and --restore-from reads.",
            DefaultValueFactory = _ => LocalCluster.DefaultSnapshotStore,
        };
        var sharded = new Option<bool>("--sharded")
        {
            Description = "Run the bank as sharded account entities (Akka.Cluster.Sharding): payments by account id through the regions, idle accounts passivating, a node joining and leaving so shards move.",
        };
        var entities = new Option<int>("--entities") { Description = "With --sharded: the accounts.", DefaultValueFactory = _ => Sharded.ShardedDemoSettings.DefaultEntities };
        var command = new Command("demo", "Run a bank on a cluster of nodes on 127.0.0.1 inside this process and snapshot it while money moves.")
        {
            nodes, accounts, duration, interval, seed, json, diagram, restore, restoreFrom, store, sharded, entities,
            DeadlockCommand.Create(console, output),
        };
        command.SetAction((parsed, cancellationToken) =>
        {
            if (parsed.GetValue(sharded))
                return RunShardedAsync(parsed, nodes, entities, duration, interval, seed, json, console, output, cancellationToken, [accounts, diagram, restore, restoreFrom, store]);
            if (parsed.GetResult(entities) is { Implicit: false })
                throw new UsageException("--entities", "counts the accounts of --sharded; without it, give --accounts");
            var settings = new DemoSettings(
                parsed.GetValue(nodes),
                parsed.GetValue(accounts),
                DurationText.Parse(parsed.GetValue(duration)!, "--duration"),
                DurationText.Parse(parsed.GetValue(interval)!, "--interval"),
                parsed.GetValue(seed)).Validated();
            var stored = parsed.GetValue(restoreFrom);
            if (stored is not null && parsed.GetValue(restore))
                throw new UsageException(StoredCheckpoint.OptionName, "restores a stored snapshot; --restore takes a new one: give one of them");
            if (parsed.GetValue(restore))
                StoreFolder.CheckWritable(parsed.GetValue(store)!, "--store");
            else if (stored is not null)
                StoreFolder.CheckReadable(parsed.GetValue(store)!, "--store");
            return parsed.GetValue(restore) || stored is not null
                ? RestoreAsync(settings, parsed.GetValue(store)!, stored, parsed.GetValue(json), console, output, error, cancellationToken)
                : RunAsync(settings, parsed.GetValue(json), DiagramFile.From(parsed.GetValue(diagram)), console, output, error, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunShardedAsync(ParseResult parsed, Option<int> nodes, Option<int> entities, Option<string> duration, Option<string> interval,
        Option<int> seed, Option<bool> json, IAnsiConsole console, TextWriter output, CancellationToken cancellationToken, IEnumerable<Option> unsupported)
    {
        if (unsupported.FirstOrDefault(option => parsed.GetResult(option) is { Implicit: false }) is { } given)
            throw new UsageException(given.Name, "is not an option of --sharded");
        var settings = new Sharded.ShardedDemoSettings(
            parsed.GetValue(nodes),
            parsed.GetValue(entities),
            DurationText.Parse(parsed.GetValue(duration)!, "--duration"),
            DurationText.Parse(parsed.GetValue(interval)!, "--interval"),
            parsed.GetValue(seed)).Validated();
        var run = await CommandReport.ReportAsync(progress => Sharded.ShardedDemoRun.RunAsync(settings, progress, cancellationToken), parsed.GetValue(json), console, output,
            run => run.ToJson(), Sharded.ShardedDemoTable.Write);
        return run.Interrupted ? ExitCodes.Interrupted : run.AllConserved ? ExitCodes.Success : ExitCodes.InvariantViolated;
    }

    private static async Task<int> RunAsync(DemoSettings settings, bool json, DiagramFile? diagram, IAnsiConsole console, TextWriter output, TextWriter error,
        CancellationToken cancellationToken)
    {
        using var trace = diagram is null ? null : new DemoTrace(settings.Accounts);
        var run = await CommandReport.ReportAsync(progress => DemoRun.RunAsync(settings, progress, cancellationToken, trace), json, console, output,
            run => run.ToJson(), SnapshotTable.Write);
        if (diagram is not null)
        {
            var drawing = trace!.Diagram(run.Snapshots);
            // With --json standard output holds the JSON document alone: where the diagram went goes to the error stream.
            if (drawing is not null)
                diagram.Write(drawing, json ? error : output);
            else if (!run.Interrupted)
                throw new UsageException(DiagramFile.OptionName, "no snapshot in the table was recorded by every drawn account: nothing to draw");
        }
        return run.Interrupted ? ExitCodes.Interrupted : run.AllConserved ? ExitCodes.Success : ExitCodes.InvariantViolated;
    }

    /// <param name="restoreFrom">What <c>--restore-from</c> names, or null to take a new checkpoint.</param>
    private static async Task<int> RestoreAsync(DemoSettings settings, string store, string? restoreFrom, bool json, IAnsiConsole console, TextWriter output,
        TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            var storedId = restoreFrom is null ? (long?)null : await StoredCheckpoint.FindAsync(store, restoreFrom, cancellationToken);
            var summary = await CommandReport.ReportAsync(progress => RestoreRun.RunAsync(settings, new RestoreSource(store, storedId), progress, cancellationToken), json, console, output,
                summary => summary.ToJson(), RestoreTable.Write);
            return summary.Run.Interrupted ? ExitCodes.Interrupted : summary.Succeeded ? ExitCodes.Success : ExitCodes.InvariantViolated;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Before the restored bank ran: there is no snapshot of it to report, only what the progress lines said.
            error.WriteLine("interrupted (Ctrl+C) before the restored bank was snapshotted");
            return ExitCodes.Interrupted;
        }
    }
}
