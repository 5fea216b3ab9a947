using Snapshot.Cli.Diagrams;
using Snapshot.Cli.Simulate;
using Snapshot.Simulation;
using Snapshot.Tests.Simulation;

namespace Snapshot.Tests.Diagrams;

/// <summary>
/// Simulated runs drawn: the seed's bank example exactly (every arrow, recording point and cut where the run put
/// it), and for it, the reference run of 8 servers and random runs, the cut's meaning: a message's arrow crosses a
/// snapshot's cut, sent left of its sender's recording point and received right of its receiver's, exactly when
/// that snapshot recorded it in flight.
/// </summary>
public sealed class SimulationDiagramTests
{
    private const double Slot = DiagramLayout.SlotWidth;

    private static DrawnDiagram Draw(Scenario scenario, out SpaceTimeDiagram diagram)
    {
        var simulator = new Simulator(scenario.Topology, scenario.Delays);
        var result = simulator.Run(scenario.Events);
        diagram = SimulationDiagram.Of(scenario, result.Trace, result.Snapshots, result.FinalTime);
        return DrawnDiagram.Parse(SvgDiagram.Render(diagram));
    }

    private static DrawnDiagram BankExample() => Draw(Scenario.From(null, null, null), out _);

    [Fact]
    public void Bank_example_draws_each_message_from_its_send_step_to_its_delivery_step()
    {
        var drawn = BankExample();

        // (label or snapshot, from, to, sent at step, slot there, delivered at step, slot there), as BankExample's delays make them.
        (string, string, string, int, int, int, int)[] expected =
        [
            ("100", "acct1", "acct2", 0, 0, 1, 0),
            ("50", "acct2", "acct1", 0, 0, 4, 0),
            ("30", "acct1", "acct2", 10, 0, 13, 0),
            ("0", "acct1", "acct2", 0, 2, 2, 0),
            ("0", "acct2", "acct1", 2, 2, 5, 0),
            ("1", "acct2", "acct1", 10, 1, 12, 0),
            ("1", "acct1", "acct2", 12, 2, 14, 0),
        ];
        Assert.Equal(expected.Length, drawn.Arrows.Count);
        foreach (var (arrow, (what, from, to, sent, sentSlot, received, receivedSlot)) in drawn.Arrows.Zip(expected))
        {
            Assert.Equal((what, from, to, $"{sent}", $"{received}"), (arrow.IsMarker ? arrow.Snapshot : arrow.Label, arrow.From, arrow.To, arrow.Sent, arrow.Received));
            Assert.Equal((drawn.ColumnX(sent) + sentSlot * Slot, drawn.ProcessY(from)), (arrow.X1, arrow.Y1));
            Assert.Equal((drawn.ColumnX(received) + receivedSlot * Slot, drawn.ProcessY(to)), (arrow.X2, arrow.Y2));
        }
        Assert.Equal(4, drawn.Markers.Count);
        Assert.Equal([null, "0", "1"], drawn.Messages.Select(m => m.RecordedIn));
        Assert.Equal("token(50) acct2 → acct1: sent at step 0, delivered at step 4", drawn.Messages[1].Title);
    }

    [Fact]
    public void Bank_example_marks_where_each_account_recorded_and_draws_the_cuts_through_those_points()
    {
        var drawn = BankExample();

        Assert.Equal(
            [("acct1", "0", "0", "900"), ("acct2", "0", "2", "2050"), ("acct2", "1", "10", "2050"), ("acct1", "1", "12", "920")],
            drawn.Recordings.Select(r => (r.Process, r.Snapshot, r.Time, r.State)));
        Assert.Equal(
            [drawn.ColumnX(0) + Slot, drawn.ColumnX(2) + Slot, drawn.ColumnX(10), drawn.ColumnX(12) + Slot],
            drawn.Recordings.Select(r => r.X));
        foreach (var snapshot in new[] { "0", "1" })
        {
            var acct1 = drawn.Recordings.Single(r => r.Process == "acct1" && r.Snapshot == snapshot);
            var acct2 = drawn.Recordings.Single(r => r.Process == "acct2" && r.Snapshot == snapshot);
            Assert.Equal(
                [(acct1.X, DiagramLayout.CutTop), (acct1.X, acct1.Y), (acct2.X, acct2.Y), (acct2.X, acct2.Y + 24)],
                drawn.Cut(snapshot));
        }
        Assert.Equal(
            [
                "snapshot 0 (started by acct1 at step 0, complete at step 5): acct1 900, acct2 2050; in flight acct2 → acct1 token(50); total 3000 of 3000, conserved",
                "snapshot 1 (started by acct2 at step 10, complete at step 14): acct1 920, acct2 2050; in flight acct1 → acct2 token(30); total 3000 of 3000, conserved",
            ],
            drawn.Notes);
    }

    [Fact]
    public void Bank_example_messages_cross_a_cut_exactly_when_recorded_in_flight() =>
        BankExample().AssertCutsMeanWhatTheSnapshotsRecorded("bank example");

    [Fact]
    public void Reference_run_messages_cross_a_cut_exactly_when_recorded_in_flight()
    {
        string Conformance(string file) => Path.Combine(AppContext.BaseDirectory, "Conformance", file);
        var scenario = Scenario.From(Conformance("8nodes.top"), Conformance("8nodes-sequential-snapshots.events"), Conformance("delays.txt"));

        var drawn = Draw(scenario, out var diagram);

        Assert.Equal(["0", "1"], diagram.Snapshots);
        Assert.Equal(16, drawn.Recordings.Count);
        drawn.AssertCutsMeanWhatTheSnapshotsRecorded("8nodes-sequential-snapshots");
    }

    [Fact]
    public void Random_runs_messages_cross_a_cut_exactly_when_recorded_in_flight()
    {
        // The smaller networks of the first 60 seeds: large ones draw thousands of arrows and take seconds.
        foreach (var random in Enumerable.Range(1, 60).Select(RandomScenario.Generate).Where(r => r.Topology.Servers.Count <= 10))
        {
            var seed = random.Seed;
            var drawn = Draw(new Scenario(random.Topology, random.Events, random.Delays, $"seed {seed}"), out var diagram);
            Assert.True(diagram.Snapshots.Count > 0, $"seed {seed} took no snapshot");
            drawn.AssertCutsMeanWhatTheSnapshotsRecorded($"random scenario, seed {seed}");
        }
    }

    [Fact]
    public void A_message_still_in_flight_when_the_run_ends_runs_to_the_right_edge()
    {
        var scenario = new Scenario(
            TopologyFile.Parse("2\na 10\nb 0\na b\nb a\n", "two.top"),
            EventScript.Parse("snapshot a\nsend a b 4\n", "late.events"),
            DelayList.Parse("1\n50\n1\n", "delays"),
            "a slow token");

        var drawn = Draw(scenario, out var diagram);

        var late = Assert.Single(drawn.Messages);
        Assert.Equal((null, drawn.RightEdge("b"), drawn.ProcessY("b")), (late.Received, late.X2, late.Y2));
        Assert.Equal("token(4) a → b: sent at step 0, not delivered by the end of the run", late.Title);
        Assert.Equal(2 + Simulator.StepsAfterCompletion, diagram.End);
    }
}
