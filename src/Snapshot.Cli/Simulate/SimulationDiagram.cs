using Snapshot.Cli.Diagrams;
using Snapshot.Simulation;

namespace Snapshot.Cli.Simulate;

/// <summary>
/// A simulated run as a space-time diagram: one line per server in the topology's order, every message put on a
/// link from its send to its delivery, every snapshot's recording points and cut, in steps from 0 to the last.
/// </summary>
public static class SimulationDiagram
{
    public static SpaceTimeDiagram Of(Scenario scenario, IReadOnlyList<TraceEvent> trace, IReadOnlyList<SimulatedSnapshot> snapshots, long end)
    {
        var delivered = new Dictionary<(string From, string To, SimMessage Message), DiagramMoment>();
        var recordings = new List<RecordingPoint>();
        for (var i = 0; i < trace.Count; i++)
        {
            switch (trace[i])
            {
                case MessageDelivered delivery:
                    delivered.Add((delivery.From, delivery.To, delivery.Message), new DiagramMoment(delivery.Time, i));
                    break;
                case StateRecorded recorded:
                    recordings.Add(new RecordingPoint(recorded.Server, recorded.Snapshot.ToString(), new DiagramMoment(recorded.Time, i), recorded.Tokens.ToString()));
                    break;
            }
        }
        // Token ids are unique in a run: a token recorded on a channel is that message.
        var recordedIn = snapshots
            .SelectMany(s => s.Cut.Channels.SelectMany(c => c.Messages).Select(token => (token, Snapshot: s.Id.ToString())))
            .ToLookup(r => r.token, r => r.Snapshot);
        var messages = trace
            .Select((e, i) => (Event: e as MessageSent, Order: i))
            .Where(s => s.Event is not null)
            .Select(s => Message(s.Event!, new DiagramMoment(s.Event!.Time, s.Order), Delivery(delivered, s.Event), recordedIn))
            .ToArray();
        return new SpaceTimeDiagram(
            scenario.Description,
            "step",
            0,
            end,
            1,
            [.. scenario.Topology.Servers.Select(s => s.Id)],
            [.. recordings.Select(r => r.Snapshot).Distinct()],
            messages,
            recordings,
            [.. snapshots.Select(Describe)]);
    }

    private static DiagramMoment? Delivery(Dictionary<(string, string, SimMessage), DiagramMoment> delivered, MessageSent sent) =>
        delivered.TryGetValue((sent.From, sent.To, sent.Message), out var at) ? at : null;

    private static DiagramMessage Message(MessageSent sent, DiagramMoment at, DiagramMoment? received, ILookup<Token, string> recordedIn)
    {
        var delivery = received is { } r ? $"delivered at step {r.Time}" : "not delivered by the end of the run";
        return sent.Message switch
        {
            Token token => new DiagramMessage(sent.From, sent.To, at, received, token.Amount.ToString(),
                $"{token} {sent.From} → {sent.To}: sent at step {sent.Time}, {delivery}", null,
                [.. recordedIn[token]]),
            Marker marker => new DiagramMessage(sent.From, sent.To, at, received, "",
                $"marker of snapshot {marker.Snapshot} {sent.From} → {sent.To}: sent at step {sent.Time}, {delivery}", marker.Snapshot.ToString(), []),
            _ => throw new ArgumentException($"unknown message {sent.Message}", nameof(sent)),
        };
    }

    private static string Describe(SimulatedSnapshot snapshot)
    {
        var servers = string.Join(", ", snapshot.Cut.Processes.Select(p => $"{p.Process} {p.State}"));
        var inFlight = snapshot.Cut.Channels.Select(c => $"{c.From} → {c.To} {string.Join(", ", c.Messages)}").ToArray();
        var channels = inFlight.Length == 0 ? "nothing in flight" : $"in flight {string.Join("; ", inFlight)}";
        var verdict = snapshot.IsConserved ? "conserved" : "NOT conserved";
        return $"snapshot {snapshot.Id} (started by {snapshot.Initiator} at step {snapshot.StartedAt}, complete at step {snapshot.CompletedAt}): {servers}; {channels}; total {snapshot.Total} of {snapshot.ExpectedTotal}, {verdict}";
    }
}
