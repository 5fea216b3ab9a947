namespace Snapshot.Cli.Bench;

/// <summary>An option's comma-separated list of sizes, like <c>30,100,300</c>.</summary>
public static class SizeList
{
    /// <summary>The sizes in <paramref name="text"/>, each between <paramref name="min"/> and <paramref name="max"/>; anything else is the user's mistake, named by <paramref name="option"/>.</summary>
    public static IReadOnlyList<int> Parse(string text, string option, int min, int max)
    {
        var sizes = new List<int>();
        foreach (var item in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(item, out var size))
                throw new UsageException(option, $"'{item}' is not a whole number (give sizes like 30,100)");
            if (size < min || size > max)
                throw new UsageException(option, $"{size} is not between {min} and {max}");
            sizes.Add(size);
        }
        return sizes;
    }
}
