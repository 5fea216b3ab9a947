using System.Text.RegularExpressions;

namespace Snapshot.Runtime.Tests.Readme;

/// <summary>The repository's README.md, read by the specs that hold its code and quoted output to what the code does.</summary>
internal static class ReadmeFile
{
    /// <summary>The fenced blocks of one language (<c>csharp</c>, <c>text</c>) in the section under <paramref name="heading"/>, in order.</summary>
    public static IReadOnlyList<string> Blocks(string heading, string language) =>
        Regex.Matches(Section(heading), $"```{language}\r?\n(.*?)```", RegexOptions.Singleline)
            .Select(m => m.Groups[1].Value)
            .ToList();

    /// <summary>A file of the repository, by its path from the repository's root.</summary>
    public static string Read(params string[] path) =>
        File.ReadAllText(Path.Combine([RepositoryRoot(), .. path]));

    // From the heading to the next heading of level 2.
    private static string Section(string heading)
    {
        var readme = Read("README.md");
        var start = readme.IndexOf(heading + "\n", StringComparison.Ordinal);
        if (start < 0)
            throw new InvalidOperationException($"README.md has no section '{heading}'");
        var section = readme[start..];
        var next = section.IndexOf("\n## ", heading.Length, StringComparison.Ordinal);
        return next < 0 ? section : section[..next];
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory.FullName, "Snapshot.sln")))
            directory = directory.Parent ?? throw new InvalidOperationException($"no Snapshot.sln above {AppContext.BaseDirectory}");
        return directory.FullName;
    }
}
