using System.Globalization;
using System.Xml.Linq;
using Snapshot.Cli.Diagrams;

namespace Snapshot.Tests.Diagrams;

/// <summary>What an SVG space-time diagram draws, read back from its elements and <c>data-</c> attributes.</summary>
public sealed class DrawnDiagram(XElement svg)
{
    public static DrawnDiagram Parse(string text) => new(XElement.Parse(text));

    public IReadOnlyList<DrawnArrow> Arrows =>
        [.. Groups().Where(g => Classes(g).Overlaps(["message", "marker"])).Select(DrawnArrow.Of)];

    public IReadOnlyList<DrawnArrow> Messages => [.. Arrows.Where(a => !a.IsMarker)];

    public IReadOnlyList<DrawnArrow> Markers => [.. Arrows.Where(a => a.IsMarker)];

    public IReadOnlyList<DrawnRecording> Recordings =>
        [.. Groups().Where(g => Classes(g).Contains("recording")).Select(DrawnRecording.Of)];

    public double ProcessY(string process) => Number(ProcessLine(process), "y1");

    /// <summary>Where the process lines end, on the right.</summary>
    public double RightEdge(string process) => Number(ProcessLine(process), "x2");

    /// <summary>The x at which the column of <paramref name="time"/> starts: its grid line.</summary>
    public double ColumnX(double time) =>
        Number(svg.Descendants(SvgDiagram.Svg + "line").Single(l => (string?)l.Attribute("class") == "grid" && (string?)l.Attribute("data-time") == SvgDiagram.TimeText(time)), "x1");

    /// <summary>The points of <paramref name="snapshot"/>'s cut, top to bottom.</summary>
    public IReadOnlyList<(double X, double Y)> Cut(string snapshot) =>
        [.. ((string)Groups().Single(g => (string?)g.Attribute("class") == "snapshot" && (string?)g.Attribute("data-snapshot") == snapshot)
                .Element(SvgDiagram.Svg + "polyline")!.Attribute("points")!)
            .Split(' ')
            .Select(p => p.Split(','))
            .Select(p => (double.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture)))];

    public IReadOnlyList<string> Notes =>
        [.. svg.Elements(SvgDiagram.Svg + "text").Where(t => (string?)t.Attribute("class") == "note").Select(t => t.Value)];

    /// <summary>
    /// Asserts what a cut means: a message's arrow crosses a snapshot's cut, sent left of its sender's recording point
    /// and received right of its receiver's, exactly when that snapshot recorded it in flight; and each process
    /// sends its markers right of its recording point.
    /// </summary>
    public void AssertCutsMeanWhatTheSnapshotsRecorded(string run)
    {
        foreach (var snapshot in Recordings.Select(r => r.Snapshot).Distinct())
        {
            var recordedAt = Recordings.Where(r => r.Snapshot == snapshot).ToDictionary(r => r.Process, r => r.X);
            foreach (var message in Messages)
            {
                var crosses = message.X1 < recordedAt[message.From] && message.X2 > recordedAt[message.To];
                var recorded = (message.RecordedIn ?? "").Split(", ").Contains(snapshot);
                Assert.True(crosses == recorded, $"{run}: {message.Title} {(crosses ? "crosses" : "does not cross")} the cut of snapshot {snapshot} but {(recorded ? "is" : "is not")} recorded in it");
            }
            Assert.All(Markers.Where(m => m.Snapshot == snapshot), m => Assert.True(m.X1 > recordedAt[m.From], $"{run}: {m.Title} is sent before {m.From} records"));
        }
    }

    public static double Number(XElement element, string attribute) =>
        double.Parse((string)element.Attribute(attribute)!, CultureInfo.InvariantCulture);

    private XElement ProcessLine(string process) =>
        Groups().Single(g => (string?)g.Attribute("class") == "process" && (string?)g.Attribute("data-process") == process).Element(SvgDiagram.Svg + "line")!;

    private IEnumerable<XElement> Groups() => svg.Descendants(SvgDiagram.Svg + "g");

    public static HashSet<string> Classes(XElement element) => [.. ((string?)element.Attribute("class") ?? "").Split(' ')];
}

/// <summary>One arrow as drawn: what it says it is, and where it starts and ends.</summary>
public sealed record DrawnArrow(
    HashSet<string> Classes, string From, string To, string? Sent, string? Received, string? Snapshot, string? RecordedIn,
    string Label, string? LabelStyle, string Title, double X1, double Y1, double X2, double Y2, string Stroke, string ArrowHead)
{
    public bool IsMarker => Classes.Contains("marker");

    public static DrawnArrow Of(XElement group)
    {
        var svg = SvgDiagram.Svg;
        var label = group.Element(svg + "text");
        var shape = group.Element(svg + "line") ?? group.Element(svg + "path")!;
        var (x1, y1, x2, y2) = shape.Name == svg + "line"
            ? (DrawnDiagram.Number(shape, "x1"), DrawnDiagram.Number(shape, "y1"), DrawnDiagram.Number(shape, "x2"), DrawnDiagram.Number(shape, "y2"))
            : PathEnds((string)shape.Attribute("d")!);
        return new DrawnArrow(
            DrawnDiagram.Classes(group),
            (string)group.Attribute("data-from")!, (string)group.Attribute("data-to")!,
            (string?)group.Attribute("data-sent"), (string?)group.Attribute("data-received"),
            (string?)group.Attribute("data-snapshot"), (string?)group.Attribute("data-recorded-in"),
            label?.Value ?? "", (string?)label?.Attribute("style"), group.Element(svg + "title")!.Value,
            x1, y1, x2, y2, (string)shape.Attribute("stroke")!, (string)shape.Attribute("marker-end")!);
    }

    /// <summary>The ends of an arc <c>Mx1,y1 Qcx,cy x2,y2</c>.</summary>
    private static (double, double, double, double) PathEnds(string d)
    {
        var numbers = d.Split([' ', ',', 'M', 'Q'], StringSplitOptions.RemoveEmptyEntries).Select(n => double.Parse(n, CultureInfo.InvariantCulture)).ToArray();
        return (numbers[0], numbers[1], numbers[4], numbers[5]);
    }
}

/// <summary>One recording point as drawn.</summary>
public sealed record DrawnRecording(string Process, string Snapshot, string Time, double X, double Y, string State, string Title)
{
    public static DrawnRecording Of(XElement group)
    {
        var circle = group.Element(SvgDiagram.Svg + "circle")!;
        return new DrawnRecording(
            (string)group.Attribute("data-process")!, (string)group.Attribute("data-snapshot")!, (string)group.Attribute("data-time")!,
            DrawnDiagram.Number(circle, "cx"), DrawnDiagram.Number(circle, "cy"),
            group.Element(SvgDiagram.Svg + "text")!.Value, group.Element(SvgDiagram.Svg + "title")!.Value);
    }
}
