namespace Snapshot.Simulation;

/// <summary>Delays read from a file, one whole number of at least 1 per line, used in order.</summary>
public sealed class DelayList(string source, IReadOnlyList<long> delays) : IDelaySource
{
    /// <summary>The longest delay a file may give, so that no message's due step can overflow the clock.</summary>
    public const long MaxDelay = 1_000_000_000;

    private int _next;

    public static DelayList Load(string path) => Parse(InputLine.ReadFile(path), path);

    public static DelayList Parse(string text, string source) =>
        new(source, [.. InputLine.ReadAll(text, source).Select(ParseDelay)]);

    public long Next()
    {
        if (_next == delays.Count)
            throw new SimulationInputException(source, null, $"too short: the run needs more than the {delays.Count} delays it lists");
        return delays[_next++];
    }

    private static long ParseDelay(InputLine line)
    {
        if (line.Fields.Length != 1)
            throw line.Error($"expected one delay per line, found '{line.Text}'");
        return line.WholeNumber(0, "a delay", 1, MaxDelay);
    }
}
