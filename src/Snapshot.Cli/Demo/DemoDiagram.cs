using System.Globalization;
using Snapshot.Cli.Bank;
using Snapshot.Cli.Diagrams;
using Snapshot.Cli.Reports;
using static Snapshot.Runtime.Diagnostics.SnapshotTelemetry;

namespace Snapshot.Cli.Demo;

/// <summary>
/// The demo as a space-time diagram: of the run's snapshots every drawn account recorded in, the one that caught the most
/// transfers in flight between them (the latest of equals), named as the run's table numbers it, seen by the first
/// <see cref="AccountsDrawn"/> accounts (spread over the nodes), in a window from a little before the first of them
/// recorded to a little after the last marker between them arrived. Drawn are the transfers between those accounts
/// (from their <see cref="TransferLog"/>) and the markers between them with each one's recording point (from the
/// <c>Snapshot</c> activity source), at the times they were logged, in milliseconds.
/// </summary>
public static class DemoDiagram
{
    public const int AccountsDrawn = 4;

    /// <summary>The accounts a run of <paramref name="accounts"/> accounts draws.</summary>
    public static IReadOnlySet<string> Accounts(int accounts) =>
        Enumerable.Range(0, Math.Min(AccountsDrawn, accounts)).Select(AccountName).ToHashSet(StringComparer.Ordinal);

    /// <summary>Null when none of <paramref name="snapshots"/> was recorded by every drawn account.</summary>
    /// <param name="nodes">The cluster's node addresses, node 1 first.</param>
    /// <param name="snapshots">The run's snapshots as its table reports them: one of these is drawn, and named as the table names it.</param>
    public static SpaceTimeDiagram? Of(IReadOnlyList<TransferRecord> transfers, IReadOnlyList<ParticipantEvent> events, IReadOnlyList<string> nodes, int accounts,
        IReadOnlyList<SnapshotReport> snapshots)
    {
        var drawn = Accounts(accounts);
        var snapshot = events
            .Where(e => drawn.Contains(e.Participant))
            .GroupBy(e => e.Snapshot)
            .Where(g => ReportOf(g.Key, snapshots) is not null && drawn.All(a => g.Any(e => e.Participant == a && e.Name == Events.StateRecorded)))
            .MaxBy(g => (InFlight(g, drawn), g.Min(e => e.At)));
        if (snapshot is null)
            return null;
        var shown = snapshot.Where(e => e.Name == Events.StateRecorded
            || (e.Name is Events.MarkerSent or Events.MarkerReceived && drawn.Contains(e.From!) && drawn.Contains(e.To!))).ToList();
        var (first, last) = (shown.Min(e => e.At), shown.Max(e => e.At));
        var pad = (last - first) / 10 + TimeSpan.FromMilliseconds(0.2);
        var timeline = new Timeline(first - pad, last + pad);

        var transferLines = Transfers(transfers, timeline);
        // In the order each participant logged them: a first marker's receipt, the recording and the sends it caused
        // may share an instant.
        var points = shown.OrderBy(e => e.At).ThenBy(e => e.Index)
            .ToDictionary(e => e, e => timeline.Add(e.Name == Events.MarkerReceived ? e.To! : e.Participant, e.At));
        var recordings = shown.Where(e => e.Name == Events.StateRecorded).ToDictionary(e => e.Participant, e => points[e]);
        var markerSends = shown.Where(e => e.Name == Events.MarkerSent).ToDictionary(e => (e.From!, e.To!), e => points[e]);
        var markerReceipts = shown.Where(e => e.Name == Events.MarkerReceived).ToDictionary(e => (e.From!, e.To!), e => (Event: e, Point: points[e]));
        foreach (var (channel, receipt) in markerReceipts)
            receipt.Point.Cause = markerSends[channel];
        var moved = timeline.Settle();

        var nodeOf = snapshot.GroupBy(e => e.Participant).ToDictionary(g => g.Key, g => nodes.ToList().IndexOf(g.First().Node) + 1);
        string Process(string account) => $"{account} (node {nodeOf[account]})";
        var report = ReportOf(snapshot.Key, snapshots)!;
        var label = report.Id.ToString(CultureInfo.InvariantCulture);
        var messages = new List<DiagramMessage>();
        var inFlight = 0;
        foreach (var (transfer, sent, arrived) in transferLines)
        {
            // Recorded in flight: handled by the receiver after it recorded, before the marker on its channel came.
            var recorded = arrived is not null && arrived.Order > recordings[transfer.To].Order && arrived.Order < markerReceipts[(transfer.From, transfer.To)].Point.Order;
            inFlight += recorded ? 1 : 0;
            messages.Add(new DiagramMessage(Process(transfer.From), Process(transfer.To), sent?.Moment, arrived?.Moment, $"${transfer.Amount}",
                $"transfer of ${transfer.Amount} {transfer.From} → {transfer.To}: {Times(sent, arrived, "handled")}", null, recorded ? [label] : []));
        }
        foreach (var ((from, to), (receipt, point)) in markerReceipts.OrderBy(m => m.Value.Point.Order))
        {
            messages.Add(new DiagramMessage(Process(from), Process(to), markerSends[(from, to)].Moment, point.Moment, "",
                $"marker {from} → {to}: {Times(markerSends[(from, to)], point, "received")}, {Counted.Of(receipt.Recorded ?? 0, "transfer")} recorded in flight on this channel", label, []));
        }

        var counted = InFlight(snapshot, drawn);
        List<string> notes =
        [
            $"{string.Join(", ", drawn.Order(StringComparer.Ordinal))} of {accounts} accounts: the transfers and markers between them (markers to and from the other accounts are left out).",
            $"Times in ms from {timeline.Origin.UtcDateTime.ToString("HH:mm:ss.ffffff", CultureInfo.InvariantCulture)} UTC, as the accounts and the Snapshot activity source logged them.",
            $"In flight at the cut: {Counted.Of(inFlight, "transfer")} between these accounts (the snapshot's own count on these channels: {counted}).",
        ];
        if (moved > 0)
            notes.Add($"{Counted.Of(moved, "event")} drawn 1 µs after their cause, which was logged later: a marker's send is logged just after it is told.");
        return new SpaceTimeDiagram(
            $"snapshot demo: snapshot {label} (started on node {nodes.ToList().IndexOf(report.Initiator) + 1}), as {drawn.Count} of its {accounts} accounts saw it",
            "ms",
            0,
            Math.Max(timeline.End, timeline.Latest),
            (timeline.End - 0) / 40,
            [.. drawn.Order(StringComparer.Ordinal).Select(Process)],
            [label],
            messages,
            [.. recordings.OrderBy(r => r.Value.Order).Select(r => new RecordingPoint(Process(r.Key), label, r.Value.Moment, ""))],
            notes);
    }

    private static string AccountName(int index) => $"account-{index}";

    /// <summary>The messages a snapshot recorded in flight on the channels between drawn accounts.</summary>
    private static int InFlight(IEnumerable<ParticipantEvent> snapshot, IReadOnlySet<string> drawn) =>
        snapshot.Where(e => e.Name == Events.MarkerReceived && drawn.Contains(e.From!) && drawn.Contains(e.To!)).Sum(e => e.Recorded ?? 0);

    /// <summary>The report of the snapshot the participants' events name <paramref name="snapshot"/> (its coordinator's path and its id there), if the run reported it.</summary>
    private static SnapshotReport? ReportOf(string snapshot, IReadOnlyList<SnapshotReport> reports) =>
        reports.FirstOrDefault(r => snapshot.StartsWith(r.Initiator + "/", StringComparison.Ordinal) && snapshot.EndsWith($"#{r.IdOnInitiator}", StringComparison.Ordinal));

    private static string Times(Timeline.Point? sent, Timeline.Point? received, string verb) =>
        $"{(sent is null ? "sent before the window" : $"sent at {SvgDiagram.TimeText(sent.Logged)} ms")}, "
        + (received is null ? $"not {verb} within the window" : $"{verb} at {SvgDiagram.TimeText(received.Logged)} ms");

    /// <summary>
    /// Pairs each channel's sends with its receipts in order (channels are FIFO), keeping the transfers that were on
    /// their way at some time of the window.
    /// </summary>
    private static List<(TransferRecord Transfer, Timeline.Point? Sent, Timeline.Point? Arrived)> Transfers(IReadOnlyList<TransferRecord> records, Timeline timeline)
    {
        var lines = new List<(TransferRecord, Timeline.Point?, Timeline.Point?)>();
        foreach (var channel in records.GroupBy(r => (r.From, r.To)))
        {
            var arrivals = channel.Where(r => r.Arrived).ToList();
            foreach (var (send, k) in channel.Where(r => !r.Arrived).Select((send, k) => (send, k)))
            {
                var arrival = k < arrivals.Count ? arrivals[k] : null;
                if (send.At > timeline.EndAt || arrival?.At < timeline.Origin)
                    continue;
                var sent = send.At >= timeline.Origin ? timeline.Add(send.From, send.At) : null;
                var arrived = arrival is not null && arrival.At <= timeline.EndAt ? timeline.Add(arrival.To, arrival.At) : null;
                arrived?.Cause = sent;
                lines.Add((send, sent, arrived));
            }
        }
        return lines;
    }
}
