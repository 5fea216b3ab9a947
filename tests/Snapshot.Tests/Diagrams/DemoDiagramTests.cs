using Snapshot.Cli.Bank;
using Snapshot.Cli.Demo;
using Snapshot.Cli.Diagrams;
using Snapshot.Cli.Reports;
using static Snapshot.Runtime.Diagnostics.SnapshotTelemetry;

namespace Snapshot.Tests.Diagrams;

/// <summary>
/// The demo's diagram from a hand-made log of two accounts on two nodes: the snapshot that caught a transfer in flight, its window,
/// transfers paired in FIFO order with the one handled between recording and marker counted in flight, and a
/// marker receipt logged before its send drawn just after it.
/// </summary>
public sealed class DemoDiagramTests
{
    private const string Node1 = "akka.tcp://snapshot@127.0.0.1:4001";
    private const string Node2 = "akka.tcp://snapshot@127.0.0.1:4002";
    private const string Snapshot5 = $"{Node1}/system/snapshots#5";
    private const string Label = "2";
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset Ms(double ms) => T0.AddTicks((long)(ms * TimeSpan.TicksPerMillisecond));

    /// <summary>The run's table: node 1's snapshots 4, 5 and 6 are the run's 1, 2 and 3.</summary>
    private static readonly IReadOnlyList<SnapshotReport> Table = [Report(1, 4), Report(2, 5), Report(3, 6)];

    private static SnapshotReport Report(long id, long idOnNode1) => new(id, Node1, idOnNode1, 1, 2, 2, 4, 0, 2_000, 0, 2_000, 2_000, [], []);

    private static ParticipantEvent Event(string snapshot, string participant, string name, double ms, int index, string? from = null, string? to = null, int? recorded = null) =>
        new(snapshot, participant, participant == "account-0" ? Node1 : Node2, name, from, to, recorded, Ms(ms), index);

    // account-0 starts snapshot 5 at 2 ms. account-1 logs the marker's receipt at 1.99 ms, before account-0 logged
    // sending it. $9 is handled by account-1 before it records; $7 by account-0 after it recorded and before the
    // marker from account-1 came: in flight. Snapshots 4 and 6, which caught nothing in flight, are not drawn.
    private static readonly IReadOnlyList<ParticipantEvent> Logged =
    [
        Event($"{Node1}/system/snapshots#4", "account-0", Events.StateRecorded, -100, 0),
        Event($"{Node1}/system/snapshots#4", "account-1", Events.StateRecorded, -99, 0),
        Event($"{Node1}/system/snapshots#6", "account-0", Events.StateRecorded, 100, 0),
        Event($"{Node1}/system/snapshots#6", "account-1", Events.StateRecorded, 101, 0),
        Event(Snapshot5, "account-0", Events.StateRecorded, 2, 0),
        Event(Snapshot5, "account-0", Events.MarkerSent, 2, 1, "account-0", "account-0"),
        Event(Snapshot5, "account-0", Events.MarkerSent, 2, 2, "account-0", "account-1"),
        Event(Snapshot5, "account-0", Events.MarkerReceived, 2.5, 3, "account-0", "account-0", 0),
        Event(Snapshot5, "account-0", Events.MarkerReceived, 5, 4, "account-1", "account-0", 1),
        Event(Snapshot5, "account-1", Events.MarkerReceived, 1.99, 0, "account-0", "account-1", 0),
        Event(Snapshot5, "account-1", Events.StateRecorded, 1.99, 1),
        Event(Snapshot5, "account-1", Events.MarkerSent, 1.99, 2, "account-1", "account-0"),
        Event(Snapshot5, "account-1", Events.MarkerSent, 1.99, 3, "account-1", "account-1"),
        Event(Snapshot5, "account-1", Events.MarkerReceived, 4.5, 4, "account-1", "account-1", 0),
    ];

    private static readonly IReadOnlyList<TransferRecord> Transfers =
    [
        new("account-0", "account-1", 9, Ms(0.5), Arrived: false),
        new("account-0", "account-1", 9, Ms(1.5), Arrived: true),
        new("account-1", "account-0", 7, Ms(1.8), Arrived: false),
        new("account-1", "account-0", 7, Ms(3), Arrived: true),
        new("account-1", "account-0", 2, Ms(9), Arrived: false),
    ];

    // The window: from the first event drawn (1.99) less a tenth of the span to the last (5) and 0.2 ms, to the last plus as much.
    private const double Origin = 1.99 - (0.301 + 0.2);

    private readonly SpaceTimeDiagram _diagram = DemoDiagram.Of(Transfers, Logged, [Node1, Node2], accounts: 2, Table)!;

    private static double At(double ms) => Math.Round(ms - Origin, 6);

    [Fact]
    public void Draws_the_snapshot_that_caught_the_most_transfers_in_flight()
    {
        Assert.Equal("snapshot demo: snapshot 2 (started on node 1), as 2 of its 2 accounts saw it", _diagram.Title);
        Assert.Equal([Label], _diagram.Snapshots);
        Assert.Equal(["account-0 (node 1)", "account-1 (node 2)"], _diagram.Processes);
        Assert.Equal((0, At(5 + 0.501)), (_diagram.Start, Math.Round(_diagram.End, 6)));
    }

    [Fact]
    public void Transfers_are_paired_in_channel_order_and_the_one_handled_between_recording_and_marker_is_in_flight()
    {
        var transfers = _diagram.Messages.Where(m => !m.IsMarker).Select(m => (m.From, m.To, m.Label, Time(m.Sent), Time(m.Received), string.Join(",", m.RecordedIn)));

        Assert.Equal(
        [
            ("account-0 (node 1)", "account-1 (node 2)", "$9", (double?)null, (double?)At(1.5), ""),
            ("account-1 (node 2)", "account-0 (node 1)", "$7", At(1.8), At(3), Label),
        ],
            transfers);
        Assert.Contains("In flight at the cut: 1 transfer between these accounts (the snapshot's own count on these channels: 1).", _diagram.Notes);
    }

    [Fact]
    public void Markers_run_between_the_drawn_accounts_and_a_receipt_logged_before_its_send_is_drawn_just_after_it()
    {
        var markers = _diagram.Messages.Where(m => m.IsMarker).Select(m => (m.From[..9], m.To[..9], Time(m.Sent), Time(m.Received), m.MarkerOf));

        Assert.Equal(
        [
            ("account-0", "account-1", At(2), At(2) + Timeline.Microsecond, Label),
            ("account-0", "account-0", At(2), At(2.5), Label),
            ("account-1", "account-1", At(2) + Timeline.Microsecond, At(4.5), Label),
            ("account-1", "account-0", At(2) + Timeline.Microsecond, At(5), Label),
        ],
            markers.Select(m => (m.Item1, m.Item2, Round(m.Item3), Round(m.Item4), m.MarkerOf)));
        Assert.Equal(
            [("account-1 (node 2)", At(2) + Timeline.Microsecond), ("account-0 (node 1)", At(2))],
            _diagram.Recordings.Select(r => (r.Process, Math.Round(r.At.Time, 6))));
        Assert.Contains("4 events drawn 1 µs after their cause, which was logged later: a marker's send is logged just after it is told.", _diagram.Notes);
    }

    [Fact]
    public void Drawn_cut_is_crossed_exactly_by_the_transfer_in_flight() =>
        DrawnDiagram.Parse(SvgDiagram.Render(_diagram)).AssertCutsMeanWhatTheSnapshotsRecorded("hand-made demo log");

    [Fact]
    public void Only_a_snapshot_in_the_table_is_drawn() =>
        Assert.Equal("snapshot demo: snapshot 3 (started on node 1), as 2 of its 2 accounts saw it",
            DemoDiagram.Of(Transfers, Logged, [Node1, Node2], accounts: 2, [Report(1, 4), Report(3, 6)])!.Title);

    [Fact]
    public void Nothing_to_draw_when_no_snapshot_was_recorded_by_every_drawn_account() =>
        Assert.Null(DemoDiagram.Of(Transfers, [.. Logged.Where(e => e.Participant == "account-0")], [Node1, Node2], accounts: 2, Table));

    private static double? Time(DiagramMoment? moment) => moment is { } m ? Math.Round(m.Time, 6) : null;

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 6) : null;
}
