using Snapshot.Runtime;

namespace Snapshot.Analysis;

/// <summary>
/// A property every consistent snapshot of a system must have, named for reports ("money is conserved"). A pure
/// function of the snapshot: the same check serves code, tests (<c>AssertInvariantsAsync</c>) and the CLI.
/// </summary>
public sealed class SnapshotInvariant(string name, Func<GlobalSnapshot, InvariantResult> check)
{
    public string Name { get; } = name;

    /// <summary>An invariant from a yes-or-no predicate; a violation says only that it does not hold.</summary>
    public static SnapshotInvariant That(string name, Func<GlobalSnapshot, bool> predicate) =>
        new(name, snapshot => predicate(snapshot) ? InvariantResult.Held("holds") : InvariantResult.Violated("does not hold"));

    public InvariantResult Check(GlobalSnapshot snapshot) => check(snapshot);

    public override string ToString() => Name;
}
