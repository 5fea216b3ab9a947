using System.CommandLine;

namespace Snapshot.Cli.Diagrams;

/// <summary>
/// The file <c>--diagram</c> names: <c>.svg</c> for the picture alone, <c>.html</c> for a page embedding it.
/// Checked before a command runs, so a wrong name costs no run; written after.
/// </summary>
public sealed class DiagramFile
{
    public const string OptionName = "--diagram";

    private readonly string _path;
    private readonly Func<SpaceTimeDiagram, string> _render;

    private DiagramFile(string path, Func<SpaceTimeDiagram, string> render)
    {
        _path = path;
        _render = render;
    }

    public static Option<string?> Option(string what) =>
        new(OptionName) { Description = $"Write a space-time diagram of {what} to this file: .svg, or .html for a page that embeds it." };

    /// <summary>The file to write, or null when the option was not given.</summary>
    /// <exception cref="UsageException">The name is a folder's or has another extension, or its directory does not exist.</exception>
    public static DiagramFile? From(string? path)
    {
        if (path is null)
            return null;
        if (Directory.Exists(path))
            throw new UsageException(OptionName, $"'{path}' is a folder, not a file");
        Func<SpaceTimeDiagram, string> render = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".svg" => SvgDiagram.Render,
            ".html" or ".htm" => HtmlDiagram.Render,
            _ => throw new UsageException(OptionName, $"'{path}' must end in .svg or .html"),
        };
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null && !Directory.Exists(directory))
            throw new UsageException(OptionName, $"cannot write '{path}': the directory '{directory}' does not exist");
        return new DiagramFile(path, render);
    }

    /// <summary>Writes the file, then says where it went on <paramref name="report"/>.</summary>
    /// <exception cref="UsageException">The file cannot be written.</exception>
    public void Write(SpaceTimeDiagram diagram, TextWriter report)
    {
        try
        {
            File.WriteAllText(_path, _render(diagram));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new UsageException(OptionName, $"cannot write '{_path}': {e.Message}");
        }
        report.WriteLine($"wrote the diagram to {Path.GetFullPath(_path)}");
    }
}
