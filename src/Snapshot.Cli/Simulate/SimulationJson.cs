using System.Text.Json;
using Snapshot.Simulation;

namespace Snapshot.Cli.Simulate;

/// <summary>
/// Prints snapshots for a script: one object with <c>snapshots</c> (ids ascending) and <c>all_conserved</c>.
/// Each snapshot lists every server's tokens and every channel that had messages in flight.
/// </summary>
public static class SimulationJson
{
    public static void Write(TextWriter output, Scenario scenario, IReadOnlyList<SimulatedSnapshot> snapshots)
    {
        var document = new
        {
            expected_total = scenario.Topology.TotalTokens,
            snapshots = snapshots.Select(s => new
            {
                id = s.Id.Value,
                initiator = s.Initiator,
                started_at = s.StartedAt,
                completed_at = s.CompletedAt,
                servers = s.Cut.Processes
                    .OrderBy(p => p.Process, StringComparer.Ordinal)
                    .Select(p => new { server = p.Process, tokens = p.State }),
                channels = s.Cut.Channels
                    .Select(c => new { from = c.From, to = c.To, tokens = c.Messages.Select(m => m.Amount) }),
                tokens_in_servers = s.InServers,
                tokens_in_flight = s.InFlight,
                total = s.Total,
                conserved = s.IsConserved,
            }),
            all_conserved = snapshots.All(s => s.IsConserved),
        };
        output.WriteLine(JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
    }
}
