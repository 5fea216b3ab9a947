using Snapshot.Runtime;

namespace Snapshot.Analysis;

/// <summary>Checks invariants on a snapshot.</summary>
public static class Invariants
{
    /// <summary>Every invariant that does not hold in <paramref name="snapshot"/>, in the order given; empty when all hold.</summary>
    public static IReadOnlyList<InvariantViolation> Check(GlobalSnapshot snapshot, params IEnumerable<SnapshotInvariant> invariants) =>
    [
        .. invariants
            .Select(invariant => (invariant.Name, Result: invariant.Check(snapshot)))
            .Where(checkedOne => !checkedOne.Result.Holds)
            .Select(checkedOne => new InvariantViolation(checkedOne.Name, checkedOne.Result.Message)),
    ];
}
