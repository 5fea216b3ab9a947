namespace Snapshot.Cli;

/// <summary>A count and its noun as the CLI prints them: "1 snapshot", "0 snapshots", "2 snapshots".</summary>
public static class Counted
{
    /// <param name="plural">The plural when it is not the noun and an s.</param>
    public static string Of(long count, string noun, string? plural = null) => $"{count} {Noun(count, noun, plural)}";

    /// <summary>The noun alone, for a count printed in a format of its own (<c>1,000</c>).</summary>
    public static string Noun(long count, string noun, string? plural = null) => count == 1 ? noun : plural ?? noun + "s";
}
