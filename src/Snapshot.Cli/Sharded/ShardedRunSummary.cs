using Snapshot.Cli.Reports;

namespace Snapshot.Cli.Sharded;

/// <summary>The snapshots of a sharded demo run, those that failed, and what the entities and shards did meanwhile.</summary>
public sealed record ShardedRunSummary(IReadOnlyList<ShardedSnapshotReport> Snapshots, IReadOnlyList<string> Failures, ShardedDemoSettings Settings)
{
    public bool Interrupted { get; init; }

    /// <summary>Times an account started, first starts and starts again after passivating or moving.</summary>
    public int EntityStarts { get; init; }

    /// <summary>Accounts that started at least once.</summary>
    public int EntitiesStarted { get; init; }

    /// <summary>Times a shard started on another node than the one it was on before.</summary>
    public int ShardsMoved { get; init; }

    /// <summary>Snapshots taken while the extra node was a member, whose shards it held.</summary>
    public int SnapshotsWithExtraNode { get; init; }

    /// <summary>Every snapshot taken conserved the money, and at least one was taken.</summary>
    public bool AllConserved => Snapshots.Count > 0 && Snapshots.All(s => s.Conserved);

    public double PercentileMs(double percentile) => Percentile.Of(Snapshots.Select(s => s.DurationMs), percentile);

    public object ToJson() => new Dictionary<string, object>
    {
        ["entities"] = Settings.Entities,
        ["nodes"] = Settings.Nodes,
        ["snapshots"] = Snapshots.Select(s => s.ToJson()),
        ["failures"] = Failures,
        ["expected_total"] = Settings.ExpectedTotal,
        ["all_conserved"] = AllConserved,
        ["entity_starts"] = EntityStarts,
        ["entities_started"] = EntitiesStarted,
        ["entities_restarted"] = EntityStarts - EntitiesStarted,
        ["shards_moved"] = ShardsMoved,
        ["snapshots_with_extra_node"] = SnapshotsWithExtraNode,
        ["interrupted"] = Interrupted,
        ["p50_ms"] = Math.Round(PercentileMs(50), 3),
        ["p99_ms"] = Math.Round(PercentileMs(99), 3),
    };
}
