using System.Net;

namespace Snapshot.Cli.Diagrams;

/// <summary>A page that needs nothing else to show a <see cref="SpaceTimeDiagram"/>: its SVG inline, with a line on how to read it.</summary>
public static class HtmlDiagram
{
    public static string Render(SpaceTimeDiagram diagram) =>
        $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>{WebUtility.HtmlEncode(diagram.Title)}</title>
        <style>body {"{"} margin: 16px; font-family: 'DejaVu Sans', Arial, sans-serif; color: #444; {"}"}</style>
        </head>
        <body>
        <p>Time runs left to right; each horizontal line is a process. Hover over an arrow, a dot or a cut for what it is.</p>
        {SvgDiagram.Render(diagram)}</body>
        </html>

        """;
}
