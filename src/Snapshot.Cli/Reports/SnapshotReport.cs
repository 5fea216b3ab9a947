using Akka.Actor;
using Snapshot.Cli.Bank;
using Snapshot.Runtime;

namespace Snapshot.Cli.Reports;

/// <summary>
/// One snapshot of the bank as the CLI reports it, in tables and in JSON (the field names of
/// <c>--json</c>): who started it, what it cost, and whether it conserved the bank's money.
/// </summary>
/// <param name="IdOnInitiator">The snapshot's own id, unique on the node that took it (<see cref="Initiator"/>).</param>
/// <param name="DepartedNodes">Where the group shrank since the previous snapshot that node took (<see cref="GlobalSnapshot.DepartedNodes"/>).</param>
public sealed record SnapshotReport(
    long Id,
    string Initiator,
    long IdOnInitiator,
    double DurationMs,
    int Participants,
    int Nodes,
    long Markers,
    int RecordedMessages,
    long AccountsTotal,
    long InFlightTotal,
    long Total,
    long ExpectedTotal,
    IReadOnlyList<string> Violations,
    IReadOnlyList<DepartedNode> DepartedNodes)
{
    /// <summary>True when every invariant of the bank held: the money was conserved.</summary>
    public bool Conserved => Violations.Count == 0;

    /// <summary>
    /// Nodes that the command taking the snapshot saw lost (unreachable, downed or removed without leaving) while it was
    /// in the cluster; their accounts may be missing from the snapshot without <see cref="DepartedNodes"/> naming them.
    /// </summary>
    public IReadOnlyList<string> LostNodes { get; init; } = [];

    /// <summary>
    /// False when the snapshot may not cover every account the bank opened: nodes departed or were lost. Money paid to or
    /// from their accounts is then missing from the total, which proves nothing about conservation either way.
    /// </summary>
    public bool TotalComparable => DepartedNodes.Count == 0 && LostNodes.Count == 0;

    /// <param name="id">How the report names it: ids are only unique per node, so a run over several nodes numbers its own.</param>
    /// <param name="initiator">The node that took it; participants local to that node have addresses without a host.</param>
    public static SnapshotReport Of(GlobalSnapshot snapshot, long id, Address initiator)
    {
        var ledger = BankLedger.Of(snapshot);
        var nodes = snapshot.Processes
            .Select(p => p.Participant.Path.Address)
            .Select(address => address.HasGlobalScope ? address : initiator)
            .Distinct()
            .Count();
        return new SnapshotReport(
            id,
            initiator.ToString(),
            snapshot.Id,
            snapshot.Duration.TotalMilliseconds,
            snapshot.Processes.Count,
            nodes,
            snapshot.Markers,
            snapshot.RecordedMessages,
            ledger.InAccounts,
            ledger.InFlight,
            ledger.Total,
            ledger.Expected,
            [.. ledger.Violations.Select(v => v.ToString())],
            snapshot.DepartedNodes);
    }

    /// <summary>The object <c>--json</c> prints for a snapshot.</summary>
    public object ToJson() => new
    {
        id = Id,
        initiator = Initiator,
        duration_ms = Math.Round(DurationMs, 3),
        participants = Participants,
        nodes = Nodes,
        markers = Markers,
        recorded_messages = RecordedMessages,
        accounts_total = AccountsTotal,
        in_flight_total = InFlightTotal,
        total = Total,
        // Null rather than false when the total covers part of the bank: not comparable is not violated.
        conserved = TotalComparable ? Conserved : (bool?)null,
        total_comparable = TotalComparable,
        violations = TotalComparable ? Violations : [],
        departed_nodes = DepartedNodes.Select(d => new { node = d.Node.ToString(), participants = d.Participants }),
        lost_nodes = LostNodes,
    };
}
