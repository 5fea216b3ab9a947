using System.Globalization;
using System.Text.RegularExpressions;

namespace Snapshot.Cli;

/// <summary>Durations as people write them on a command line: <c>500ms</c>, <c>10s</c>, <c>1.5m</c>, <c>1h</c>.</summary>
public static partial class DurationText
{
    public static TimeSpan Parse(string text, string option)
    {
        var match = Pattern().Match(text.Trim());
        if (!match.Success)
            throw new UsageException(option, $"'{text}' is not a duration; write it like 500ms, 10s, 1.5m or 1h");
        var value = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
        var duration = match.Groups["unit"].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(value),
            "s" => TimeSpan.FromSeconds(value),
            "m" => TimeSpan.FromMinutes(value),
            _ => TimeSpan.FromHours(value),
        };
        if (duration <= TimeSpan.Zero)
            throw new UsageException(option, $"'{text}' must be longer than 0");
        return duration;
    }

    public static string Format(TimeSpan duration) =>
        duration.TotalSeconds >= 1 ? $"{duration.TotalSeconds:0.###}s" : $"{duration.TotalMilliseconds:0.###}ms";

    [GeneratedRegex(@"^(?<value>\d{1,9}(\.\d{1,6})?)(?<unit>ms|s|m|h)$")]
    private static partial Regex Pattern();
}
