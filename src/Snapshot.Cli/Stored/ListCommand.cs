using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Snapshot.Storage;
using Spectre.Console;

namespace Snapshot.Cli.Stored;

/// <summary>
/// <c>snapshot list</c>: the snapshots in the store a node's configuration names, oldest first, each read back whole
/// (<see cref="GlobalSnapshotStorage.CheckAsync"/>). What cannot be read is one <c>error:</c> line each, naming its
/// file, and exit code 1; the rest is listed all the same.
/// </summary>
public static class ListCommand
{
    public static Command Create(IAnsiConsole console, TextWriter output, TextWriter error)
    {
        var config = StoredOptions.Config();
        var group = new Option<string?>("--group") { Description = "Only the snapshots of this group." };
        var json = StoredOptions.Json();
        var command = new Command("list", "List the stored snapshots.") { config, group, json };
        command.SetAction((parsed, _) => StoreReader.RunAsync(parsed.GetValue(config), error, async storage =>
        {
            var check = await storage.CheckAsync();
            var wanted = parsed.GetValue(group);
            var stored = wanted is null ? check.Readable : [.. check.Readable.Where(s => s.Group == wanted)];
            if (parsed.GetValue(json))
            {
                var damaged = check.Damaged.Select(d => new { id = d.Id, location = d.Location, problem = d.Problem });
                output.WriteLine(JsonSerializer.Serialize(new { snapshots = stored.Select(ToJson), damaged }, StoredOptions.Indented));
            }
            else
            {
                Write(console, stored);
            }
            foreach (var damage in check.Damaged)
                error.WriteLine($"error: {damage}");
            return check.Damaged.Count == 0 ? ExitCodes.Success : ExitCodes.InvariantViolated;
        }));
        return command;
    }

    /// <summary>The object <c>--json</c> prints for a stored snapshot; <c>show --json</c> starts with the same fields.</summary>
    public static Dictionary<string, object> ToJson(StoredSnapshotInfo info) => new()
    {
        ["id"] = info.Id,
        ["group"] = info.Group,
        ["participants"] = info.Participants,
        ["messages_in_flight"] = info.MessagesInFlight,
        ["started_at"] = info.StartedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        ["completed_at"] = info.CompletedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        ["duration_ms"] = Math.Round(info.Duration.TotalMilliseconds, 3),
        ["periodic"] = info.Periodic,
    };

    /// <summary>When a snapshot was taken, as tables show it: UTC to the millisecond.</summary>
    public static string TakenAt(StoredSnapshotInfo info) =>
        info.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture) + "Z";

    private static void Write(IAnsiConsole console, IReadOnlyList<StoredSnapshotInfo> stored)
    {
        var table = new Table()
            .AddColumn(new TableColumn("Id").RightAligned())
            .AddColumn("Group")
            .AddColumn(new TableColumn("Participants").RightAligned())
            .AddColumn(new TableColumn("In flight").RightAligned())
            .AddColumn("Taken at (UTC)")
            .AddColumn(new TableColumn("ms").RightAligned())
            .AddColumn("Stored by");
        foreach (var info in stored)
        {
            table.AddRow(
                info.Id.ToString(CultureInfo.InvariantCulture), Markup.Escape(info.Group), info.Participants.ToString(CultureInfo.InvariantCulture),
                info.MessagesInFlight.ToString(CultureInfo.InvariantCulture), TakenAt(info),
                info.Duration.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture), info.Periodic ? "schedule" : "SaveAsync");
        }
        console.Write(table);
        console.MarkupLine($"{Counted.Of(stored.Count, "snapshot")} stored");
    }
}
