using Akka.Actor;
using Snapshot.Runtime;

namespace Snapshot.Analysis;

/// <summary>
/// Builds a snapshot's wait-for graph: an edge from each participant waiting for a resource to each participant
/// holding it. What states claim is corrected by what is on its way: a resource handed over in flight (or
/// stashed) is held by its receiver alone, whatever a state recorded before the handover says, and its receiver
/// no longer waits for it. A grant in flight is therefore never part of a deadlock.
/// </summary>
public static class WaitForGraph
{
    public static (IReadOnlyList<WaitEdge> Edges, IReadOnlyList<PendingHandover> Handovers) Build(
        GlobalSnapshot snapshot, Func<ProcessState, IEnumerable<ResourceClaim>> claimsOf, Func<object, string?> handedOver)
    {
        var claims = snapshot.Processes.SelectMany(claimsOf).Distinct().ToArray();
        IReadOnlyList<PendingHandover> handovers =
        [
            .. PendingMessage.Of(snapshot)
                .Select(pending => (pending, Resource: handedOver(pending.Message)))
                .Where(h => h.Resource is not null)
                .Select(h => new PendingHandover(h.Resource!, h.pending.From, h.pending.To)),
        ];
        var arriving = handovers.ToLookup(h => h.Resource, h => h.To);
        var holders = claims
            .Where(c => c.Relation == ResourceRelation.Holds && !arriving.Contains(c.Resource))
            .Select(c => (c.Resource, Holder: c.Participant))
            .Concat(handovers.Select(h => (h.Resource, Holder: h.To)))
            .ToLookup(h => h.Resource, h => h.Holder);
        var edges = claims
            .Where(c => c.Relation == ResourceRelation.WaitsFor && !arriving[c.Resource].Contains(c.Participant))
            .SelectMany(wait => holders[wait.Resource].Distinct().Select(holder => (Waiter: wait.Participant, Holder: holder, wait.Resource)))
            .GroupBy(e => (e.Waiter, e.Holder), e => e.Resource)
            .Select(g => new WaitEdge(g.Key.Waiter, g.Key.Holder, [.. g.Distinct().Order(StringComparer.Ordinal)]))
            .OrderBy(e => e.Waiter, ParticipantOrder.Instance)
            .ThenBy(e => e.Holder, ParticipantOrder.Instance)
            .ToArray();
        return (edges, handovers);
    }
}
