namespace Snapshot.Cli.Bench;

/// <summary>The figures of one <c>snapshot bench scale</c> run: idle graphs in one ActorSystem, then the bank on a cluster by size.</summary>
public sealed record ScaleReport(IReadOnlyList<LocalScale> Local, IReadOnlyList<ClusterScale> Cluster)
{
    /// <summary>Every snapshot of the bank completed, conserved the money and covered every account.</summary>
    public bool Succeeded => Cluster.All(c => c.Snapshots.Failures == 0 && c.Conserved && c.Complete);

    /// <summary>The object <c>--json</c> prints.</summary>
    public object ToJson() => new
    {
        local = Local.Select(l => l.ToJson()),
        cluster = Cluster.Select(c => c.ToJson()),
    };
}
