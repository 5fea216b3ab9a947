namespace Snapshot.Cli.Deadlock;

/// <summary><paramref name="User"/> takes <paramref name="Resource"/>, and the run waits for its answer.</summary>
public sealed record LockStep(string User, string Resource);

/// <summary>
/// A run of <c>demo deadlock</c>: lock users taking locks one step at a time, and the cycles the analysis must find
/// in a snapshot taken once every step has been answered (as <see cref="Analysis.DeadlockCycle"/> prints them).
/// </summary>
public sealed record DeadlockScenario(string Name, string Description, IReadOnlyList<LockStep> Steps, IReadOnlyList<string> ExpectedCycles)
{
    /// <summary>The seed's: A grabs lock 1, B grabs lock 2, A waits for lock 2, B waits for lock 1.</summary>
    public static readonly DeadlockScenario Deadlocked = new(
        "deadlocked",
        "A and B take the two locks in opposite orders",
        [new("A", "lock 1"), new("B", "lock 2"), new("A", "lock 2"), new("B", "lock 1")],
        ["A →(lock 2)→ B →(lock 1)→ A"]);

    /// <summary>The same users and locks, taken in one order by both: B waits for A, and A waits for no one.</summary>
    public static readonly DeadlockScenario Ordered = new(
        "ordered",
        "A and B take lock 1 before lock 2",
        [new("A", "lock 1"), new("A", "lock 2"), new("B", "lock 1")],
        []);

    public IReadOnlyList<string> Users => [.. Steps.Select(s => s.User).Distinct()];

    public IReadOnlyList<string> Locks => [.. Steps.Select(s => s.Resource).Distinct()];
}
