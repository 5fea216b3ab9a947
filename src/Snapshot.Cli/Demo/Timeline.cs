namespace Snapshot.Cli.Demo;

/// <summary>
/// The points of a demo diagram on their process lines, at the times they were logged, in milliseconds from
/// <see cref="Origin"/>. <see cref="Settle"/> orders them and draws every receipt after its send: a marker's send
/// is logged just after the marker is told, and its receiver, on another thread, may log the receipt first.
/// </summary>
public sealed class Timeline(DateTimeOffset origin, DateTimeOffset end)
{
    /// <summary>How far after its send a receipt logged before it is drawn, in milliseconds.</summary>
    public const double Microsecond = 0.001;

    private readonly List<Point> _points = [];

    public DateTimeOffset Origin { get; } = origin;

    public DateTimeOffset EndAt { get; } = end;

    /// <summary>The end of the window, in milliseconds from the origin.</summary>
    public double End => (EndAt - Origin).TotalMilliseconds;

    /// <summary>The latest time a point is drawn at.</summary>
    public double Latest => _points.Count == 0 ? 0 : _points.Max(p => p.Time);

    /// <summary>A point of <paramref name="process"/>; of points logged at the same instant, those added first come first.</summary>
    public Point Add(string process, DateTimeOffset at)
    {
        var point = new Point(process, (at - Origin).TotalMilliseconds);
        _points.Add(point);
        return point;
    }

    /// <summary>Numbers the points in the order they were logged and moves each that would be drawn before its cause; returns how many moved.</summary>
    public int Settle()
    {
        var ranked = _points.OrderBy(p => p.Logged).ToList();
        for (var i = 0; i < ranked.Count; i++)
            ranked[i].Order = i;
        bool changed;
        do
        {
            changed = false;
            var previous = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var point in ranked)
            {
                // Never before the process's previous point, and a receipt after its send.
                var time = Math.Max(point.Time, previous.GetValueOrDefault(point.Process, double.MinValue));
                if (point.Cause is { } cause && time <= cause.Time)
                    time = cause.Time + Microsecond;
                changed |= time != point.Time;
                point.Time = previous[point.Process] = time;
            }
        }
        while (changed);
        return _points.Count(p => p.Time != p.Logged);
    }

    public sealed class Point(string process, double logged)
    {
        public string Process { get; } = process;

        /// <summary>When it was logged.</summary>
        public double Logged { get; } = logged;

        /// <summary>When it is drawn: when it was logged, unless that was before its cause.</summary>
        public double Time { get; set; } = logged;

        /// <summary>For a receipt, its send.</summary>
        public Point? Cause { get; set; }

        public long Order { get; set; }

        public Diagrams.DiagramMoment Moment => new(Time, Order);
    }
}
