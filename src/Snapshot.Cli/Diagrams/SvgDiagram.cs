using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Snapshot.Cli.Diagrams;

/// <summary>
/// Draws a <see cref="SpaceTimeDiagram"/> as SVG: process lines, messages as dark arrows, markers as dashed
/// arrows in their snapshot's colour, recording points as dots and each snapshot's cut as a line through them,
/// a legend and the notes under it. Every element carries a hover title and <c>data-</c> attributes naming what
/// it stands for. The same diagram always gives the same text.
/// </summary>
public static class SvgDiagram
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>One colour per snapshot, in the diagram's snapshot order; more snapshots than colours reuse them.</summary>
    public static readonly IReadOnlyList<string> SnapshotColours = ["#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#e377c2", "#17becf"];

    private const string MessageColour = "#333333";
    private const double MinWidth = 820;
    private const double LegendGap = 64;
    private const double LineHeight = 22;
    private const double AxisCharWidth = 7;

    private const string Style = """
        text { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 13px; fill: #222; }
        .title { font-size: 17px; font-weight: bold; }
        .process line { stroke: #222; stroke-width: 2; }
        .process text { font-weight: bold; text-anchor: end; dominant-baseline: middle; }
        .grid { stroke: #ececec; }
        .time, .unit { font-size: 11px; fill: #777; }
        .time { text-anchor: middle; }
        .unit { text-anchor: end; }
        .message line, .message path, .marker line, .marker path { stroke-width: 1.6; fill: none; }
        .marker line, .marker path { stroke-dasharray: 7 4; }
        .open line, .open path { stroke-dasharray: 2 3; }
        .label { font-size: 12px; text-anchor: middle; paint-order: stroke; stroke: #fff; stroke-width: 4px; stroke-linejoin: round; }
        .recorded .label { font-weight: bold; }
        .cut { fill: none; stroke-width: 2.5; stroke-opacity: 0.7; }
        .cut-label { font-weight: bold; text-anchor: middle; }
        .recording circle { stroke: #fff; stroke-width: 1.5; }
        .recording text { font-size: 12px; paint-order: stroke; stroke: #fff; stroke-width: 4px; stroke-linejoin: round; }
        .note { font-size: 13px; }
        """;

    /// <summary>The diagram as SVG text.</summary>
    public static string Render(SpaceTimeDiagram diagram) => Write(Build(diagram));

    /// <summary>The diagram as an <c>svg</c> element.</summary>
    public static XElement Build(SpaceTimeDiagram diagram)
    {
        var layout = new DiagramLayout(diagram);
        var width = Math.Max(layout.RightEdge + 40, MinWidth);
        var legendTop = layout.Bottom + LegendGap;
        var legend = Legend(diagram, legendTop).ToArray();
        var notesTop = legendTop + (diagram.Snapshots.Count + 1) * LineHeight + 16;
        var height = notesTop + diagram.Notes.Count * LineHeight + 12;
        return new XElement(Svg + "svg",
            new XAttribute("width", Number(width)),
            new XAttribute("height", Number(height)),
            new XAttribute("viewBox", $"0 0 {Number(width)} {Number(height)}"),
            new XElement(Svg + "style", "\n" + Style + "\n"),
            Arrowheads(diagram),
            new XElement(Svg + "rect", new XAttribute("width", "100%"), new XAttribute("height", "100%"), new XAttribute("fill", "#fff")),
            Text("title", 16, 28, diagram.Title),
            TimeAxis(diagram, layout),
            diagram.Processes.Select(p => ProcessLine(p, layout)),
            // Cuts under the arrows: a marker often runs close along the cut it causes.
            diagram.Snapshots.Select(s => Cut(diagram, s, layout)),
            diagram.Messages.Where(m => !m.IsMarker).Select(m => Message(diagram, m, layout)),
            diagram.Messages.Where(m => m.IsMarker).Select(m => Message(diagram, m, layout)),
            diagram.Recordings.Select(r => Recording(diagram, r, layout)),
            legend,
            diagram.Notes.Select((note, i) => Text("note", 16, notesTop + i * LineHeight, note)));
    }

    /// <summary>The colour of <paramref name="snapshot"/>'s markers, recording points and cut.</summary>
    public static string ColourOf(SpaceTimeDiagram diagram, string snapshot)
    {
        var index = diagram.Snapshots.ToList().IndexOf(snapshot);
        return index < 0 ? MessageColour : SnapshotColours[index % SnapshotColours.Count];
    }

    public static string Number(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A time as the diagram writes it in attributes, titles and on the axis.</summary>
    public static string TimeText(double time) => Math.Round(time, 3).ToString("0.###", CultureInfo.InvariantCulture);

    private static string Write(XElement svg)
    {
        var text = new StringBuilder();
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n", OmitXmlDeclaration = true };
        using (var writer = XmlWriter.Create(text, settings))
            svg.WriteTo(writer);
        return text.Append('\n').ToString();
    }

    private static XElement Arrowheads(SpaceTimeDiagram diagram) =>
        new(Svg + "defs",
            Arrowhead("arrow", MessageColour),
            diagram.Snapshots.Select((s, i) => Arrowhead(ArrowheadOf(i), ColourOf(diagram, s))));

    private static string ArrowheadOf(int snapshotIndex) => $"arrow-{snapshotIndex}";

    private static XElement Arrowhead(string id, string colour) =>
        new(Svg + "marker",
            new XAttribute("id", id), new XAttribute("viewBox", "0 0 10 10"), new XAttribute("refX", "10"), new XAttribute("refY", "5"),
            new XAttribute("markerWidth", "9"), new XAttribute("markerHeight", "9"), new XAttribute("markerUnits", "userSpaceOnUse"),
            new XAttribute("orient", "auto"),
            new XElement(Svg + "path", new XAttribute("d", "M0,0 L10,5 L0,10 z"), new XAttribute("fill", colour)));

    private static XElement TimeAxis(SpaceTimeDiagram diagram, DiagramLayout layout)
    {
        var axis = new XElement(Svg + "g", new XAttribute("class", "axis"),
            Text("unit", layout.LeftEdge - 12, DiagramLayout.Top - 52, diagram.TimeUnit));
        var (lastX, lastWidth) = (double.NegativeInfinity, 0.0);
        foreach (var (time, x) in layout.Columns)
        {
            axis.Add(new XElement(Svg + "line", new XAttribute("class", "grid"), new XAttribute("data-time", TimeText(time)),
                Coordinates(x, DiagramLayout.Top - 44, x, layout.CutBottom)));
            // Bunched-up times would write over each other: a label is written only clear of the one before.
            var label = TimeText(time - diagram.Start);
            var width = label.Length * AxisCharWidth;
            if (x - lastX < (lastWidth + width) / 2 + 6)
                continue;
            axis.Add(Text("time", x, DiagramLayout.Top - 52, label, new XAttribute("data-time", TimeText(time))));
            (lastX, lastWidth) = (x, width);
        }
        return axis;
    }

    private static XElement ProcessLine(string process, DiagramLayout layout)
    {
        var y = layout.Y(process);
        return new XElement(Svg + "g", new XAttribute("class", "process"), new XAttribute("data-process", process),
            new XElement(Svg + "line", Coordinates(layout.LeftEdge, y, layout.RightEdge, y)),
            Text(null, layout.LeftEdge - 12, y, process));
    }

    private static XElement Message(SpaceTimeDiagram diagram, DiagramMessage message, DiagramLayout layout)
    {
        var (x1, y1) = message.Sent is { } sent ? (layout.X(message.From, sent), layout.Y(message.From)) : (layout.LeftEdge, layout.Y(message.From));
        var (x2, y2) = message.Received is { } received ? (layout.X(message.To, received), layout.Y(message.To)) : (layout.RightEdge, layout.Y(message.To));
        var snapshotIndex = message.MarkerOf is { } snapshot ? diagram.Snapshots.ToList().IndexOf(snapshot) : -1;
        var colour = message.MarkerOf is { } of ? ColourOf(diagram, of) : MessageColour;
        var classes = (message.IsMarker ? "marker" : "message")
            + (message.Sent is null || message.Received is null ? " open" : "")
            + (message.RecordedIn.Count > 0 ? " recorded" : "");
        var group = new XElement(Svg + "g", new XAttribute("class", classes),
            new XAttribute("data-from", message.From), new XAttribute("data-to", message.To),
            message.Sent is { } s ? new XAttribute("data-sent", TimeText(s.Time)) : null,
            message.Received is { } r ? new XAttribute("data-received", TimeText(r.Time)) : null,
            message.MarkerOf is { } m ? new XAttribute("data-snapshot", m) : null,
            message.RecordedIn.Count > 0 ? new XAttribute("data-recorded-in", string.Join(", ", message.RecordedIn)) : null,
            new XElement(Svg + "title", message.Detail));
        var arrowhead = new XAttribute("marker-end", $"url(#{(snapshotIndex < 0 ? "arrow" : ArrowheadOf(snapshotIndex))})");
        double labelX = (x1 + x2) / 2, labelY = (y1 + y2) / 2 - 5;
        if (message.From == message.To)
        {
            // A process telling itself: an arc above its line.
            group.Add(new XElement(Svg + "path", new XAttribute("d", $"M{Number(x1)},{Number(y1)} Q{Number(labelX)},{Number(y1 - 48)} {Number(x2)},{Number(y2)}"),
                new XAttribute("stroke", colour), arrowhead));
            labelY = y1 - 28;
        }
        else
        {
            group.Add(new XElement(Svg + "line", Coordinates(x1, y1, x2, y2), new XAttribute("stroke", colour), arrowhead));
        }
        if (message.Label.Length > 0)
        {
            var labelColour = message.RecordedIn.Count > 0 ? ColourOf(diagram, message.RecordedIn[0]) : colour;
            group.Add(Text("label", labelX, labelY, message.Label, TextColour(labelColour)));
        }
        return group;
    }

    private static XElement Cut(SpaceTimeDiagram diagram, string snapshot, DiagramLayout layout)
    {
        var points = diagram.Processes
            .SelectMany(p => diagram.Recordings.Where(r => r.Process == p && r.Snapshot == snapshot).Take(1))
            .Select(r => (X: layout.X(r.Process, r.At), Y: layout.Y(r.Process)))
            .ToList();
        var colour = ColourOf(diagram, snapshot);
        var group = new XElement(Svg + "g", new XAttribute("class", "snapshot"), new XAttribute("data-snapshot", snapshot),
            new XElement(Svg + "title", $"the cut of snapshot {snapshot}: every process's recording point"));
        if (points.Count == 0)
            return group;
        // Drawn across the whole picture: from above the first line, through each recording point, to below the last.
        points.Insert(0, (points[0].X, DiagramLayout.CutTop));
        points.Add((points[^1].X, layout.CutBottom));
        group.Add(
            new XElement(Svg + "polyline", new XAttribute("class", "cut"), new XAttribute("stroke", colour),
                new XAttribute("points", string.Join(" ", points.Select(p => $"{Number(p.X)},{Number(p.Y)}")))),
            Text("cut-label", points[0].X, DiagramLayout.Top - 30, $"snapshot {snapshot}", TextColour(colour)));
        return group;
    }

    private static XElement Recording(SpaceTimeDiagram diagram, RecordingPoint recording, DiagramLayout layout)
    {
        var (x, y) = (layout.X(recording.Process, recording.At), layout.Y(recording.Process));
        var colour = ColourOf(diagram, recording.Snapshot);
        return new XElement(Svg + "g", new XAttribute("class", "recording"),
            new XAttribute("data-process", recording.Process), new XAttribute("data-snapshot", recording.Snapshot),
            new XAttribute("data-time", TimeText(recording.At.Time)),
            new XElement(Svg + "title", $"{recording.Process} records {recording.State} for snapshot {recording.Snapshot} at {diagram.TimeUnit} {TimeText(recording.At.Time - diagram.Start)}"),
            new XElement(Svg + "circle", new XAttribute("cx", Number(x)), new XAttribute("cy", Number(y)), new XAttribute("r", "6"), new XAttribute("fill", colour)),
            Text(null, x + 8, y + 18, recording.State, TextColour(colour)));
    }

    private static IEnumerable<XElement> Legend(SpaceTimeDiagram diagram, double top)
    {
        yield return new XElement(Svg + "g", new XAttribute("class", "legend"),
            new XElement(Svg + "line", Coordinates(16, top, 56, top), new XAttribute("stroke", MessageColour), new XAttribute("stroke-width", "1.6"), new XAttribute("marker-end", "url(#arrow)")),
            Text(null, 64, top + 4, "message, labelled with what it carries; a bold coloured label: recorded in flight by that snapshot"));
        for (var i = 0; i < diagram.Snapshots.Count; i++)
        {
            var snapshot = diagram.Snapshots[i];
            var colour = ColourOf(diagram, snapshot);
            var y = top + (i + 1) * LineHeight;
            yield return new XElement(Svg + "g", new XAttribute("class", "legend"),
                new XElement(Svg + "line", Coordinates(16, y, 56, y), new XAttribute("stroke", colour), new XAttribute("stroke-width", "1.6"),
                    new XAttribute("stroke-dasharray", "7 4"), new XAttribute("marker-end", $"url(#{ArrowheadOf(i)})")),
                new XElement(Svg + "circle", new XAttribute("cx", "72"), new XAttribute("cy", Number(y)), new XAttribute("r", "6"), new XAttribute("fill", colour)),
                new XElement(Svg + "line", Coordinates(88, y - 8, 88, y + 8), new XAttribute("stroke", colour), new XAttribute("stroke-width", "2.5")),
                Text(null, 100, y + 4, $"snapshot {snapshot}: markers, recording points (with the state recorded), the cut"));
        }
    }

    private static XElement Text(string? cssClass, double x, double y, string text, params XAttribute[] attributes) =>
        new(Svg + "text", cssClass is null ? null : new XAttribute("class", cssClass),
            new XAttribute("x", Number(x)), new XAttribute("y", Number(y)), attributes, text);

    // The style sheet colours text; only a style attribute, not a fill attribute, takes precedence over it.
    private static XAttribute TextColour(string colour) => new("style", $"fill: {colour}");

    private static XAttribute[] Coordinates(double x1, double y1, double x2, double y2) =>
    [
        new("x1", Number(x1)), new("y1", Number(y1)), new("x2", Number(x2)), new("y2", Number(y2)),
    ];
}
