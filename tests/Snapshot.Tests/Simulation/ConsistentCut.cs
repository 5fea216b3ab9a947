using Snapshot.Simulation;

namespace Snapshot.Tests.Simulation;

/// <summary>
/// Checks a snapshot against the run's trace, independently of how the algorithm recorded it. For every
/// server, its recording point is where it recorded its state in the trace. Then:
/// <list type="bullet">
/// <item>its recorded tokens are its initial tokens, minus what it sent, plus what it received, before that point;</item>
/// <item>no message received before the receiver's point was sent after the sender's point;</item>
/// <item>channel p → q holds exactly the messages p sent before its point and q received after its point, in send order;</item>
/// <item>the cut counts every link as a channel, and lists exactly those that held messages.</item>
/// </list>
/// </summary>
public static class ConsistentCut
{
    public static IEnumerable<string> Violations(SimulatedSnapshot snapshot, SimulationResult run, Topology topology)
    {
        var trace = run.Trace;
        var point = new Dictionary<string, int>();
        for (var i = 0; i < trace.Count; i++)
        {
            if (trace[i] is StateRecorded recorded && recorded.Snapshot == snapshot.Id)
                point.Add(recorded.Server, i);
        }
        var sentAt = new Dictionary<long, int>();
        var receivedAt = new Dictionary<long, int>();
        for (var i = 0; i < trace.Count; i++)
        {
            if (trace[i] is MessageSent { Message: Token sent })
                sentAt.Add(sent.Id, i);
            if (trace[i] is MessageDelivered { Message: Token received })
                receivedAt.Add(received.Id, i);
        }

        foreach (var server in topology.Servers)
        {
            if (!point.TryGetValue(server.Id, out var at))
            {
                yield return $"{server.Id} never recorded its state";
                continue;
            }
            var expected = server.Tokens
                - trace.Take(at).OfType<MessageSent>().Where(m => m.From == server.Id && m.Message is Token).Sum(m => ((Token)m.Message).Amount)
                + trace.Take(at).OfType<MessageDelivered>().Where(m => m.To == server.Id && m.Message is Token).Sum(m => ((Token)m.Message).Amount);
            var state = snapshot.Cut.Processes.Single(p => p.Process == server.Id).State;
            if (state != expected)
                yield return $"{server.Id} recorded {state} tokens, but held {expected} at its recording point";
        }

        var tokens = trace.OfType<MessageSent>().Where(m => m.Message is Token).ToArray();
        foreach (var m in tokens)
        {
            var token = (Token)m.Message;
            if (receivedAt.TryGetValue(token.Id, out var received) && received < point[m.To] && sentAt[token.Id] > point[m.From])
                yield return $"{token} #{token.Id} {m.From} → {m.To} was received before {m.To} recorded but sent after {m.From} recorded";
        }

        var channels = snapshot.Cut.Channels.ToDictionary(c => new Link(c.From, c.To));
        if (snapshot.Cut.ChannelCount != topology.Links.Count)
            yield return $"the snapshot counts {snapshot.Cut.ChannelCount} channels, the topology has {topology.Links.Count} links";
        foreach (var link in channels.Keys.Except(topology.Links))
            yield return $"the snapshot lists channel {link}, which is not a link of the topology";
        foreach (var channel in snapshot.Cut.Channels.Where(c => c.Messages.Count == 0))
            yield return $"the snapshot lists channel {channel.From} → {channel.To}, which held nothing";
        foreach (var link in topology.Links)
        {
            var inFlight = tokens
                .Where(m => m.From == link.From && m.To == link.To)
                .Select(m => (Token)m.Message)
                .Where(t => sentAt[t.Id] < point[link.From] && !(receivedAt.TryGetValue(t.Id, out var r) && r < point[link.To]))
                .Select(t => t.Id);
            var recorded = channels.TryGetValue(link, out var channel) ? channel.Messages.Select(t => t.Id) : [];
            if (!inFlight.SequenceEqual(recorded))
                yield return $"channel {link} recorded #[{string.Join(", ", recorded)}] but #[{string.Join(", ", inFlight)}] were in flight";
        }
    }
}
