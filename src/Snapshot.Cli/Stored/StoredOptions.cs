using System.CommandLine;
using System.Text.Json;

namespace Snapshot.Cli.Stored;

/// <summary>The options <c>list</c> and <c>show</c> share.</summary>
public static class StoredOptions
{
    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Option<string?> Config() => new("--config")
    {
        Description = "The HOCON file whose snapshot store to read, e.g. hocon/node1.conf; without it, the default store (./snapshots).",
    };

    public static Option<bool> Json() => new("--json") { Description = "Print one JSON object instead of tables." };
}
