namespace Snapshot.Analysis;

/// <summary>An invariant that did not hold in a snapshot, and what was wrong.</summary>
public sealed record InvariantViolation(string Invariant, string Message)
{
    public override string ToString() => $"{Invariant}: {Message}";
}
