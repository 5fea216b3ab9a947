using Snapshot.Sharding;

namespace Snapshot.Cli.Sharded;

/// <summary>One snapshot of the sharded bank as the demo reports it: what it holds, and whether that is all the money.</summary>
public sealed record ShardedSnapshotReport(long Id, double DurationMs, int Nodes, int Live, int Passivated, int NeverStarted, int InFlight, long InAccounts, long InFlightTotal, long ExpectedTotal)
{
    /// <summary>An account the snapshot does not list never started before its cut: it holds its opening balance.</summary>
    public long Total => InAccounts + InFlightTotal + NeverStarted * ShardedDemoSettings.OpeningBalance;

    public bool Conserved => Total == ExpectedTotal;

    public static ShardedSnapshotReport Of(ShardedSnapshot snapshot, ShardedDemoSettings settings) => new(
        snapshot.Id, snapshot.Duration.TotalMilliseconds, snapshot.Nodes.Count, snapshot.Live, snapshot.Passivated, settings.Entities - snapshot.Entities.Count,
        snapshot.InFlight.Count, snapshot.Entities.Sum(e => (long)e.State!), snapshot.InFlight.Sum(m => ((Deposit)m.Message).Amount), settings.ExpectedTotal);

    public object ToJson() => new Dictionary<string, object>
    {
        ["id"] = Id,
        ["duration_ms"] = Math.Round(DurationMs, 3),
        ["nodes"] = Nodes,
        ["live"] = Live,
        ["passivated"] = Passivated,
        ["never_started"] = NeverStarted,
        ["in_flight"] = InFlight,
        ["in_accounts_total"] = InAccounts,
        ["in_flight_total"] = InFlightTotal,
        ["total"] = Total,
        ["conserved"] = Conserved,
    };
}
