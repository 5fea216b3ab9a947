using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Akka.Actor;
using Snapshot.Cli.Bank;
using Snapshot.Runtime;
using Snapshot.Storage;
using Spectre.Console;

namespace Snapshot.Cli.Stored;

/// <summary><c>snapshot show ID</c>: one stored snapshot, every participant's state and stash and the messages of every channel that held some.</summary>
public static class ShowCommand
{
    public static Command Create(IAnsiConsole console, TextWriter output, TextWriter error)
    {
        var id = new Argument<long>("ID") { Description = "The stored snapshot's id, as 'snapshot list' shows it." };
        var config = StoredOptions.Config();
        var json = StoredOptions.Json();
        var command = new Command("show", "Show one stored snapshot.") { id, config, json };
        command.SetAction((parsed, _) => StoreReader.RunAsync(parsed.GetValue(config), error, async storage =>
        {
            var wanted = parsed.GetValue(id);
            // Loaded first: a snapshot listed but unreadable is named with its file, not reported as never stored.
            var snapshot = await storage.LoadAsync(wanted);
            var info = (await storage.ListAsync()).FirstOrDefault(s => s.Id == wanted) ?? throw new StoredSnapshotNotFoundException(wanted);
            if (parsed.GetValue(json))
                output.WriteLine(JsonSerializer.Serialize(ToJson(info, snapshot), StoredOptions.Indented));
            else
                Write(console, info, snapshot);
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>An actor as the tables show it: its node's host and port when it has one, and its path on that node.</summary>
    private static string Name(IActorRef actor) =>
        actor.Path.Address.Host is { } host ? $"{host}:{actor.Path.Address.Port}{actor.Path.ToStringWithoutAddress()}" : actor.Path.ToStringWithoutAddress();

    private static string Text(object? value) => value?.ToString() ?? "null";

    private static Dictionary<string, object> ToJson(StoredSnapshotInfo info, GlobalSnapshot snapshot)
    {
        var json = ListCommand.ToJson(info);
        json["snapshot_id"] = snapshot.Id;
        json["initiator"] = snapshot.Initiator?.Path.ToString() ?? "";
        json["processes"] = snapshot.Processes.Select(p => new
        {
            participant = p.Participant.Path.ToString(),
            state = Text(p.State),
            stashed = p.Stashed.Select(Text),
        });
        json["channels"] = snapshot.Channels.Select(c => new
        {
            from = c.From.Path.ToString(),
            to = c.To.Path.ToString(),
            messages = c.Messages.Select(Text),
        });
        json["channel_count"] = snapshot.ChannelCount;
        return json;
    }

    private static void Write(IAnsiConsole console, StoredSnapshotInfo info, GlobalSnapshot snapshot)
    {
        var initiator = snapshot.Initiator is null ? "every participant at once" : Name(snapshot.Initiator);
        console.MarkupLineInterpolated(
            $"snapshot {info.Id} of group '{info.Group}', taken {ListCommand.TakenAt(info)} in {info.Duration.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture)} ms, started by {initiator}");
        var processes = new Table().AddColumn("Participant").AddColumn("State").AddColumn("Stashed");
        foreach (var p in snapshot.Processes)
            processes.AddRow(Markup.Escape(Name(p.Participant)), Markup.Escape(Text(p.State)), Markup.Escape(string.Join(", ", p.Stashed.Select(Text))));
        console.Write(processes);
        if (snapshot.Channels.Count > 0)
        {
            var channels = new Table().AddColumn("From").AddColumn("To").AddColumn("In flight, in order");
            foreach (var c in snapshot.Channels)
                channels.AddRow(Markup.Escape(Name(c.From)), Markup.Escape(Name(c.To)), Markup.Escape(string.Join(", ", c.Messages.Select(Text))));
            console.Write(channels);
        }
        console.MarkupLineInterpolated(
            $"{Counted.Of(snapshot.Processes.Count, "participant")}, {Counted.Of(snapshot.RecordedMessages, "message")} in flight on {snapshot.Channels.Count} of {Counted.Of(snapshot.ChannelCount, "channel")}");
        if (snapshot.Processes.Any(p => p.State is AccountState))
        {
            var ledger = BankLedger.Of(snapshot);
            var verdict = ledger.IsConserved ? "[green]conserved[/]" : "[red]NOT conserved[/]";
            console.MarkupLine($"bank: {ledger.InAccounts} in accounts + {ledger.InFlight} in flight = {ledger.Total} of {ledger.Expected}: {verdict}");
        }
    }
}
