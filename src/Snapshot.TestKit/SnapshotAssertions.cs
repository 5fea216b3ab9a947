using Akka.TestKit;
using Snapshot.Analysis;
using Snapshot.Runtime;

namespace Snapshot.Testing;

/// <summary>
/// Assertions on a consistent global snapshot, for tests written with any Akka.TestKit flavour (xUnit,
/// NUnit, MSTest): a failure goes through the assertions the test kit registered with its system, so it is
/// reported as that framework's own assertion failure.
/// </summary>
public static class SnapshotAssertions
{
    /// <summary>
    /// Takes a snapshot of <paramref name="group"/> while the system runs and fails the test, showing the whole
    /// snapshot, when <paramref name="invariant"/> does not hold in it.
    /// </summary>
    /// <param name="invariantDescription">What the invariant says, for the failure message: "money is conserved".</param>
    /// <param name="group">The group; <c>akka.snapshot.default-group</c> when null.</param>
    /// <param name="timeout">How long the snapshot may take; <c>akka.snapshot.default-timeout</c> when null.</param>
    /// <returns>The snapshot, for further checks.</returns>
    public static async Task<GlobalSnapshot> AssertSnapshotAsync(
        this TestKitBase testKit, Func<GlobalSnapshot, bool> invariant, string invariantDescription, string? group = null, TimeSpan? timeout = null)
    {
        var snapshot = await GlobalSnapshots.Get(testKit.Sys).TakeAsync(group, timeout: timeout);
        if (!invariant(snapshot))
            Fail(testKit, $"the invariant \"{invariantDescription}\" does not hold in {snapshot.Describe()}");
        return snapshot;
    }

    /// <summary>
    /// Takes a snapshot of <paramref name="group"/> while the system runs and fails the test, showing expected and
    /// actual values and the whole snapshot, when <paramref name="measure"/> of it is not <paramref name="expected"/>.
    /// </summary>
    /// <param name="measure">A quantity the system conserves: the money of a bank, the tokens of a ring.</param>
    /// <param name="measureDescription">What <paramref name="measure"/> measures, for the failure message: "total money".</param>
    /// <param name="group">The group; <c>akka.snapshot.default-group</c> when null.</param>
    /// <param name="timeout">How long the snapshot may take; <c>akka.snapshot.default-timeout</c> when null.</param>
    /// <returns>The snapshot, for further checks.</returns>
    public static async Task<GlobalSnapshot> AssertSnapshotAsync(
        this TestKitBase testKit, Func<GlobalSnapshot, long> measure, long expected, string measureDescription, string? group = null, TimeSpan? timeout = null)
    {
        var snapshot = await GlobalSnapshots.Get(testKit.Sys).TakeAsync(group, timeout: timeout);
        var actual = measure(snapshot);
        if (actual != expected)
            Fail(testKit, $"{measureDescription}: expected {expected}, but the snapshot holds {actual} ({actual - expected:+#;-#}) in {snapshot.Describe()}");
        return snapshot;
    }

    /// <summary>
    /// Takes a snapshot of <paramref name="group"/> while the system runs and fails the test, listing every invariant
    /// that does not hold with what was wrong, then the whole snapshot.
    /// </summary>
    /// <param name="group">The group; <c>akka.snapshot.default-group</c> when null.</param>
    /// <param name="timeout">How long the snapshot may take; <c>akka.snapshot.default-timeout</c> when null.</param>
    /// <returns>The snapshot, for further checks.</returns>
    public static async Task<GlobalSnapshot> AssertInvariantsAsync(
        this TestKitBase testKit, IEnumerable<SnapshotInvariant> invariants, string? group = null, TimeSpan? timeout = null)
    {
        var snapshot = await GlobalSnapshots.Get(testKit.Sys).TakeAsync(group, timeout: timeout);
        testKit.AssertInvariants(snapshot, invariants);
        return snapshot;
    }

    /// <summary>Fails the test, listing every invariant that does not hold in <paramref name="snapshot"/> with what was wrong, then the whole snapshot.</summary>
    public static void AssertInvariants(this TestKitBase testKit, GlobalSnapshot snapshot, params IEnumerable<SnapshotInvariant> invariants)
    {
        var violations = Invariants.Check(snapshot, invariants);
        if (violations.Count > 0)
            Fail(testKit, $"{violations.Count} invariant(s) do not hold:\n{string.Join("\n", violations.Select(v => $"  {v}"))}\nin {snapshot.Describe()}");
    }

    // Every ITestKitAssertions.Fail reads its first argument as a composite format, and a snapshot's text is full
    // of braces (records print as "Transfer { Amount = 5 }"): the message goes in as an argument, never as the format.
    private static void Fail(TestKitBase testKit, string message) =>
        TestKitAssertionsExtension.For(testKit.Sys).Assertions.Fail("{0}", message);
}
