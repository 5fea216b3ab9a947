using System.Globalization;

namespace Snapshot.Simulation;

/// <summary>
/// One meaningful line of an input file, split on whitespace. Blank lines and lines starting with
/// <c>#</c> are not meaningful. Every parse error it raises names the file and the line.
/// </summary>
public sealed record InputLine(string Source, int Number, string Text, string[] Fields)
{
    public static IEnumerable<InputLine> ReadAll(string text, string source)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
                continue;
            yield return new InputLine(source, i + 1, trimmed, trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        }
    }

    /// <summary>Reads a file, turning a missing or unreadable file into an input error.</summary>
    public static string ReadFile(string path)
    {
        // Reading a directory fails with "access denied", which sends the user looking at permissions.
        if (Directory.Exists(path))
            throw new SimulationInputException(path, null, "is a directory, expected a file");
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new SimulationInputException(path, null, $"cannot read the file: {e.Message}");
        }
    }

    /// <summary>Field <paramref name="index"/> as a whole number from <paramref name="minimum"/> to <paramref name="maximum"/>.</summary>
    public long WholeNumber(int index, string what, long minimum, long maximum = long.MaxValue)
    {
        if (!long.TryParse(Fields[index], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            throw Error($"{what} must be a whole number, found '{Fields[index]}'");
        if (value < minimum)
            throw Error($"{what} must be at least {minimum}, found {value}");
        if (value > maximum)
            throw Error($"{what} must be at most {maximum}, found {value}");
        return value;
    }

    public SimulationInputException Error(string problem) => new(Source, Number, problem);
}
