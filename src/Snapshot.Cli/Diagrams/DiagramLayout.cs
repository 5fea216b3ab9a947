namespace Snapshot.Cli.Diagrams;

/// <summary>
/// Where everything of a <see cref="SpaceTimeDiagram"/> goes: process lines top to bottom, time left to right.
/// Each distinct time is a column; events of one process at the same time sit side by side in it, in their
/// order. Columns are a grid step apart per <see cref="SpaceTimeDiagram.TimeStep"/>, but never closer than
/// <see cref="MinGap"/> (real times bunch up) nor further than <see cref="MaxGapSteps"/> steps (idle stretches).
/// </summary>
public sealed class DiagramLayout
{
    /// <summary>The least room left of the process lines, for their names.</summary>
    public const double MinLeft = 120;
    public const double NameCharWidth = 8;
    public const double Top = 100;
    public const double RowGap = 110;
    public const double StepWidth = 64;
    public const double SlotWidth = 18;
    public const double MinGap = 16;
    public const double MaxGapSteps = 3;
    public const double EdgeGap = 36;

    private readonly Dictionary<string, int> _rows;
    private readonly Dictionary<(string Process, DiagramMoment At), int> _slots = [];
    private readonly Dictionary<double, double> _columns = [];

    public DiagramLayout(SpaceTimeDiagram diagram)
    {
        LeftEdge = Math.Max(MinLeft, 24 + NameCharWidth * diagram.Processes.Max(p => p.Length));
        _rows = diagram.Processes.Select((process, row) => (process, row)).ToDictionary(p => p.process, p => p.row, StringComparer.Ordinal);
        var slotsAt = new Dictionary<double, int> { [diagram.Start] = 1, [diagram.End] = 1 };
        foreach (var group in Events(diagram).Distinct().GroupBy(e => (e.Process, e.At.Time)))
        {
            var slot = 0;
            foreach (var e in group.OrderBy(e => e.At.Order))
                _slots[e] = slot++;
            slotsAt[group.Key.Time] = Math.Max(slotsAt.GetValueOrDefault(group.Key.Time), slot);
        }

        var x = LeftEdge + EdgeGap;
        double? previous = null;
        foreach (var time in slotsAt.Keys.Order())
        {
            if (previous is { } before)
                x += (slotsAt[before] - 1) * SlotWidth + Math.Clamp((time - before) / diagram.TimeStep * StepWidth, MinGap, MaxGapSteps * StepWidth);
            _columns[time] = x;
            previous = time;
        }
        RightEdge = x + (slotsAt[previous!.Value] - 1) * SlotWidth + EdgeGap;
        Bottom = Y(diagram.Processes.Count - 1);
    }

    /// <summary>Where the process lines begin, after their names; messages sent before the window start here.</summary>
    public double LeftEdge { get; }

    /// <summary>Where the process lines end; messages not received within the window end here.</summary>
    public double RightEdge { get; }

    /// <summary>The y of the last process line.</summary>
    public double Bottom { get; }

    /// <summary>Where a cut begins, above the first process line.</summary>
    public static double CutTop => Top - 24;

    /// <summary>Where a cut ends, below the last process line.</summary>
    public double CutBottom => Bottom + 24;

    /// <summary>Each distinct time of the window with the x its column starts at, earliest first.</summary>
    public IEnumerable<(double Time, double X)> Columns => _columns.OrderBy(c => c.Key).Select(c => (c.Key, c.Value));

    public double Y(string process) => Y(_rows[process]);

    public double X(string process, DiagramMoment at) => _columns[at.Time] + _slots.GetValueOrDefault((process, at)) * SlotWidth;

    private static double Y(int row) => Top + row * RowGap;

    private static IEnumerable<(string Process, DiagramMoment At)> Events(SpaceTimeDiagram diagram)
    {
        foreach (var message in diagram.Messages)
        {
            if (message.Sent is { } sent)
                yield return (message.From, sent);
            if (message.Received is { } received)
                yield return (message.To, received);
        }
        foreach (var recording in diagram.Recordings)
            yield return (recording.Process, recording.At);
    }
}
