namespace Snapshot.Algorithm;

/// <summary>Tells concurrent snapshots apart. Every marker and every recording carries one.</summary>
public readonly record struct SnapshotId(long Value)
{
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
