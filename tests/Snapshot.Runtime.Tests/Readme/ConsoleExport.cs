using System.Text.RegularExpressions;

namespace Snapshot.Runtime.Tests.Readme;

/// <summary>
/// What OpenTelemetry's console exporter prints, cut into its items (a span, a metric) and put in a form two runs share:
/// ids, times, durations and the counts of messages caught in flight replaced by placeholders, the instrumentation
/// scope, resource and log lines left out, and events of one kind in a row (the markers a part sent, the markers it
/// received after recording) sorted, since the order among them is the order messages happened to arrive in.
/// </summary>
internal static partial class ConsoleExport
{
    public static IReadOnlyList<string> Items(string printed) =>
        Regex.Split(printed.ReplaceLineEndings("\n"), @"\n\s*\n")
            .Select(Canonical)
            .Where(item => item.Length > 0)
            .ToList();

    private static string Canonical(string item)
    {
        var lines = WithoutScopeResourceAndLogs(item.Split('\n')).Select(Placeholders).ToList();
        if (lines.Count > 0 && lines[0].StartsWith("Metric Name: snapshot.recorded.messages,", StringComparison.Ordinal))
            lines = lines.Select(line => line.StartsWith("Value: ", StringComparison.Ordinal) ? "Value: <count>" : line).ToList();
        return string.Join("\n", SortedRuns(Entries(lines)));
    }

    private static IEnumerable<string> WithoutScopeResourceAndLogs(IEnumerable<string> lines)
    {
        var skipping = false;
        foreach (var line in lines.Select(line => line.TrimEnd()))
        {
            var indented = line.StartsWith(' ') || line.StartsWith('\t');
            if (line.StartsWith("Instrumentation scope", StringComparison.Ordinal) || line.StartsWith("Resource associated with", StringComparison.Ordinal))
                skipping = true;
            else if (!indented)
                skipping = false;
            if (!skipping && line.Length > 0 && !AkkaLogLine().IsMatch(line))
                yield return line;
        }
    }

    private static string Placeholders(string line)
    {
        line = HexId().Replace(line, "<id>");
        line = IsoTime().Replace(line, "<time>");
        line = Duration().Replace(line, "<duration>");
        line = EventTime().Replace(line, "[<time>]");
        return RecordedCount().Replace(line, "snapshot.recorded.messages: <count>");
    }

    // An entry is a line indented by at most four spaces with the deeper lines under it: a tag, or an event and its tags.
    private static List<string> Entries(List<string> lines)
    {
        var entries = new List<string>();
        foreach (var line in lines)
        {
            if (entries.Count > 0 && line.StartsWith("        ", StringComparison.Ordinal))
                entries[^1] += "\n" + line;
            else
                entries.Add(line);
        }
        return entries;
    }

    private static IEnumerable<string> SortedRuns(List<string> entries)
    {
        for (var start = 0; start < entries.Count;)
        {
            var kind = entries[start].Split('\n')[0];
            var end = start + 1;
            while (end < entries.Count && entries[end].Split('\n')[0] == kind)
                end++;
            foreach (var entry in entries.Skip(start).Take(end - start).Order(StringComparer.Ordinal))
                yield return entry;
            start = end;
        }
    }

    [GeneratedRegex(@"\b[0-9a-f]{16}(?:[0-9a-f]{16})?\b")]
    private static partial Regex HexId();

    [GeneratedRegex(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z")]
    private static partial Regex IsoTime();

    [GeneratedRegex(@"\b\d\d:\d\d:\d\d\.\d+\b")]
    private static partial Regex Duration();

    // An event's time, in the format of the current culture: the bracket at the end of an event's line.
    [GeneratedRegex(@"\[[^\]]*\d\d:\d\d:\d\d[^\]]*\]$")]
    private static partial Regex EventTime();

    [GeneratedRegex(@"snapshot\.recorded\.messages: \d+")]
    private static partial Regex RecordedCount();

    [GeneratedRegex(@"^\[(DEBUG|INFO|WARNING|ERROR)\]")]
    private static partial Regex AkkaLogLine();
}
