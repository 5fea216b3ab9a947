namespace Snapshot.Cli.Deadlock;

/// <summary><paramref name="User"/> takes <paramref name="Resource"/>, and the run waits for its answer.</summary>
public sealed record LockStep(string User, string Resource);

/// <summary>
/// A run of <c>demo deadlock</c>: lock users taking locks one step at a time, and the cycles the analysis must find
/// (as <see cref="Analysis.DeadlockCycle"/> prints them) in a snapshot taken once every step has been answered, or,
/// with <paramref name="CutWhileLastGrantInFlight"/>, while the last step's lock is on its way to its user (then the
/// analysis must also find that grant, as <see cref="Analysis.PendingHandover"/> prints it).
/// </summary>
public sealed record DeadlockScenario(
    string Name, string Description, IReadOnlyList<LockStep> Steps, IReadOnlyList<string> ExpectedCycles, bool CutWhileLastGrantInFlight = false)
{
    public IReadOnlyList<string> ExpectedHandovers =>
        CutWhileLastGrantInFlight ? [$"{Steps[^1].Resource} in flight {LockActorName(Steps[^1].Resource)} → {Steps[^1].User}"] : [];

    /// <summary>The name of the actor of lock <paramref name="resource"/>: <c>lock-1</c> for <c>lock 1</c>.</summary>
    public static string LockActorName(string resource) => resource.Replace(' ', '-');

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

    /// <summary>A grant in flight: the lock's manager names A its holder and A still waits for it, yet no one is stuck.</summary>
    public static readonly DeadlockScenario GrantInFlight = new(
        "grant in flight",
        "A holds lock 1 and takes lock 2; the snapshot is cut while lock 2 is on its way to A",
        [new("A", "lock 1"), new("A", "lock 2")],
        [],
        CutWhileLastGrantInFlight: true);

    /// <summary>The runs of <c>demo deadlock</c>, in the order it plays them.</summary>
    public static readonly IReadOnlyList<DeadlockScenario> All = [Deadlocked, Ordered, GrantInFlight];

    public IReadOnlyList<string> Users => [.. Steps.Select(s => s.User).Distinct()];

    public IReadOnlyList<string> Locks => [.. Steps.Select(s => s.Resource).Distinct()];
}
