using System.Globalization;
using System.Text.RegularExpressions;

namespace Snapshot.Cli;

/// <summary>Durations as people write them on a command line: <c>500ms</c>, <c>10s</c>, <c>1.5m</c>, <c>1h</c>.</summary>
public static partial class DurationText
{
    /// <summary>
    /// The longest duration any option takes: .NET timers (Task.Delay, CancelAfter, PeriodicTimer) refuse more than
    /// about 49.7 days, and a run bounded by one must be refused before it starts anything, not when it arms the timer.
    /// </summary>
    public static readonly TimeSpan Longest = TimeSpan.FromHours(1000);

    /// <param name="longest">The longest value <paramref name="option"/> accepts, at most <see cref="Longest"/>.</param>
    public static TimeSpan Parse(string text, string option, TimeSpan? longest = null)
    {
        var limit = longest ?? Longest;
        var match = Pattern().Match(text.Trim());
        if (!match.Success)
            throw new UsageException(option, $"'{text}' is not a duration; write it like 500ms, 10s, 1.5m or 1h");
        var value = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
        var unit = match.Groups["unit"].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(1),
            "s" => TimeSpan.FromSeconds(1),
            "m" => TimeSpan.FromMinutes(1),
            _ => TimeSpan.FromHours(1),
        };
        // Compared before it becomes a TimeSpan, which a value as long as 999999999h would overflow.
        if (value * unit.TotalMilliseconds > limit.TotalMilliseconds)
            throw new UsageException(option, $"'{text}' is longer than {Format(limit)}, the longest it accepts");
        var duration = TimeSpan.FromMilliseconds(value * unit.TotalMilliseconds);
        if (duration <= TimeSpan.Zero)
            throw new UsageException(option, $"'{text}' must be longer than 0");
        return duration;
    }

    /// <summary>Whole hours as hours (1000h rather than 3600000s), otherwise seconds or milliseconds.</summary>
    public static string Format(TimeSpan duration) =>
        duration >= TimeSpan.FromHours(1) && duration.Ticks % TimeSpan.TicksPerHour == 0 ? $"{duration.TotalHours:0}h"
        : duration.TotalSeconds >= 1 ? $"{duration.TotalSeconds:0.###}s"
        : $"{duration.TotalMilliseconds:0.###}ms";

    [GeneratedRegex(@"^(?<value>\d{1,9}(\.\d{1,6})?)(?<unit>ms|s|m|h)$")]
    private static partial Regex Pattern();
}
