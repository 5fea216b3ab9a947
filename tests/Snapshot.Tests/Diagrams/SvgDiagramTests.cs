using System.Globalization;
using Snapshot.Cli.Diagrams;

namespace Snapshot.Tests.Diagrams;

/// <summary>
/// The renderer on a small hand-made run of three processes and snapshot 7: every arrow from its sender's line at
/// its send time to its receiver's line at its receive time, events of one process at one time side by side in
/// order, markers in the snapshot's colour, and the cut through every recording point.
/// </summary>
public sealed class SvgDiagramTests
{
    private const double Slot = DiagramLayout.SlotWidth;
    private const double Step = DiagramLayout.StepWidth;
    private static readonly string Red = SvgDiagram.SnapshotColours[0];

    // The order numbers are the order things happened in; p does four things at time 0, r three at 1, q three at 3.
    private static readonly SpaceTimeDiagram Run = new(
        "three processes", "step", 0, 4, 1,
        ["p", "q", "r"],
        ["7"],
        [
            new DiagramMessage("p", "q", At(0, 0), At(2, 7), "5", "five from p", null, ["7"]),
            new DiagramMessage("p", "q", At(0, 2), At(3, 8), "", "marker p to q", "7", []),
            new DiagramMessage("p", "r", At(0, 3), At(1, 4), "", "marker p to r", "7", []),
            new DiagramMessage("r", "r", At(1, 6), At(4, 11), "1", "one from r to itself", null, []),
            new DiagramMessage("q", "p", At(3, 10), null, "2", "two from q, never received", null, []),
        ],
        [
            new RecordingPoint("p", "7", At(0, 1), "10"),
            new RecordingPoint("r", "7", At(1, 5), "3"),
            new RecordingPoint("q", "7", At(3, 9), "4"),
        ],
        ["snapshot 7: p 10, q 4, r 3; in flight p → q 5"]);

    private readonly DrawnDiagram _drawn = DrawnDiagram.Parse(SvgDiagram.Render(Run));

    private static DiagramMoment At(double time, long order) => new(time, order);

    [Fact]
    public void Draws_one_arrow_per_message_and_marker()
    {
        Assert.Equal(["5", "1", "2"], _drawn.Messages.Select(m => m.Label));
        Assert.Equal([("p", "q"), ("p", "r")], _drawn.Markers.Select(m => (m.From, m.To)));
        Assert.Equal(["five from p", "one from r to itself", "two from q, never received", "marker p to q", "marker p to r"], _drawn.Arrows.Select(a => a.Title));
    }

    [Fact]
    public void A_message_runs_from_the_senders_line_at_the_send_time_to_the_receivers_line_at_the_receive_time()
    {
        var five = _drawn.Messages[0];

        Assert.Equal((_drawn.ColumnX(0), _drawn.ProcessY("p")), (five.X1, five.Y1));
        Assert.Equal((_drawn.ColumnX(2), _drawn.ProcessY("q")), (five.X2, five.Y2));
        Assert.Equal(("0", "2"), (five.Sent, five.Received));
        Assert.Equal(("#333333", "url(#arrow)"), (five.Stroke, five.ArrowHead));
    }

    [Fact]
    public void Events_of_a_process_at_one_time_sit_a_slot_apart_in_the_order_they_happened()
    {
        var markers = _drawn.Markers;
        var p = Assert.Single(_drawn.Recordings, r => r.Process == "p");

        // p at time 0: sends 5 (slot 0), records (slot 1), sends its markers to q (slot 2) and r (slot 3).
        Assert.Equal(_drawn.ColumnX(0) + Slot, p.X);
        Assert.Equal([_drawn.ColumnX(0) + 2 * Slot, _drawn.ColumnX(0) + 3 * Slot], markers.Select(m => m.X1));
        // The marker to q arrives first thing at 3, before q records and sends 2.
        Assert.Equal(_drawn.ColumnX(3), markers[0].X2);
        Assert.Equal(_drawn.ColumnX(3) + 2 * Slot, _drawn.Messages[2].X1);
    }

    [Fact]
    public void Columns_are_a_step_apart_after_the_slots_of_the_busiest_process()
    {
        Assert.Equal(DiagramLayout.MinLeft + DiagramLayout.EdgeGap, _drawn.ColumnX(0));
        Assert.Equal(3 * Slot + Step, _drawn.ColumnX(1) - _drawn.ColumnX(0));
        Assert.Equal(2 * Slot + Step, _drawn.ColumnX(2) - _drawn.ColumnX(1));
        Assert.Equal(Step, _drawn.ColumnX(3) - _drawn.ColumnX(2));
    }

    [Fact]
    public void Long_idle_stretches_are_shortened_and_bunched_times_kept_apart()
    {
        var drawn = DrawnDiagram.Parse(SvgDiagram.Render(Run with
        {
            End = 100,
            Messages = [.. Run.Messages, new DiagramMessage("q", "r", At(3.01, 12), At(3.5, 13), "", "soon after", null, [])],
        }));

        Assert.Equal(DiagramLayout.MaxGapSteps * Step, drawn.ColumnX(100) - drawn.ColumnX(4));
        Assert.Equal(2 * Slot + DiagramLayout.MinGap, drawn.ColumnX(3.01) - drawn.ColumnX(3));
        Assert.Equal(0.49 * Step, drawn.ColumnX(3.5) - drawn.ColumnX(3.01), 6);
    }

    [Fact]
    public void Markers_take_their_snapshots_colour()
    {
        Assert.All(_drawn.Markers, m =>
        {
            Assert.Equal(("7", Red, "url(#arrow-0)"), (m.Snapshot, m.Stroke, m.ArrowHead));
            Assert.Contains("marker", m.Classes);
        });
        Assert.All(_drawn.Messages, m => Assert.Null(m.Snapshot));
    }

    [Fact]
    public void A_message_recorded_in_flight_is_labelled_in_the_snapshots_colour()
    {
        var five = _drawn.Messages[0];

        Assert.Equal(("7", $"fill: {Red}"), (five.RecordedIn, five.LabelStyle));
        Assert.Contains("recorded", five.Classes);
        Assert.All(_drawn.Messages.Skip(1), m => Assert.DoesNotContain("recorded", m.Classes));
    }

    [Fact]
    public void A_process_telling_itself_is_an_arc_on_its_own_line()
    {
        var one = _drawn.Messages[1];

        Assert.Equal((_drawn.ColumnX(1) + 2 * Slot, _drawn.ProcessY("r")), (one.X1, one.Y1));
        Assert.Equal((_drawn.ColumnX(4), _drawn.ProcessY("r")), (one.X2, one.Y2));
    }

    [Fact]
    public void A_message_not_received_in_the_window_runs_to_the_right_edge()
    {
        var two = _drawn.Messages[2];

        Assert.Equal((_drawn.RightEdge("p"), _drawn.ProcessY("p")), (two.X2, two.Y2));
        Assert.Null(two.Received);
        Assert.Contains("open", two.Classes);
    }

    [Fact]
    public void The_cut_runs_from_top_to_bottom_through_every_recording_point_in_process_order()
    {
        var points = _drawn.Recordings.ToDictionary(r => r.Process, r => (r.X, r.Y));

        Assert.Equal(
            [(points["p"].X, DiagramLayout.CutTop), points["p"], points["q"], points["r"], (points["r"].X, _drawn.ProcessY("r") + 24)],
            _drawn.Cut("7"));
        Assert.Equal([("p", "10"), ("r", "3"), ("q", "4")], _drawn.Recordings.Select(r => (r.Process, r.State)));
        Assert.All(_drawn.Recordings, r => Assert.Equal(_drawn.ProcessY(r.Process), r.Y));
    }

    [Fact]
    public void Numbers_are_written_the_same_in_every_culture()
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            // A step of 3 puts columns a third of a grid step apart: fractions, which German writes with a comma.
            var drawn = DrawnDiagram.Parse(SvgDiagram.Render(Run with { TimeStep = 3 }));

            Assert.Equal(3 * Slot + 21.33, drawn.ColumnX(1) - drawn.ColumnX(0), 6);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void Notes_are_written_under_the_diagram()
    {
        Assert.Equal(["snapshot 7: p 10, q 4, r 3; in flight p → q 5"], _drawn.Notes);
    }
}
