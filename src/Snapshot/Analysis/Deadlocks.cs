using Snapshot.Runtime;

namespace Snapshot.Analysis;

/// <summary>
/// Deadlock detection on a consistent snapshot: the wait-for graph built from what recorded states claim and
/// what resources are on their way (<see cref="WaitForGraph"/>), and its cycles (<see cref="CycleSearch"/>). A
/// snapshot is a state the system could have been in, and a deadlock, once there, stays: a cycle found is real.
/// </summary>
public static class Deadlocks
{
    /// <summary>Finds deadlocks among states implementing <see cref="IResourceState"/> and messages implementing <see cref="IResourceHandover"/>.</summary>
    public static DeadlockReport Find(GlobalSnapshot snapshot) =>
        Find(snapshot,
            process => process.State is IResourceState state ? state.ResourceClaims(process.Participant) : [],
            message => (message as IResourceHandover)?.Resource);

    /// <summary>Finds deadlocks with the application's own reading of states and messages.</summary>
    /// <param name="claimsOf">What a participant's recorded state says is held and waited for.</param>
    /// <param name="handedOver">The resource a message hands to its receiver; null for any other message.</param>
    public static DeadlockReport Find(GlobalSnapshot snapshot, Func<ProcessState, IEnumerable<ResourceClaim>> claimsOf, Func<object, string?> handedOver)
    {
        var (edges, handovers) = WaitForGraph.Build(snapshot, claimsOf, handedOver);
        return new DeadlockReport(edges, handovers, CycleSearch.Find(edges));
    }

    /// <summary>The invariant "no deadlock" (with <see cref="Find(GlobalSnapshot)"/>): a violation lists every cycle.</summary>
    public static readonly SnapshotInvariant None = new("no deadlock", snapshot => Find(snapshot) switch
    {
        { IsDeadlocked: true } report => InvariantResult.Violated(string.Join("; ", report.Cycles)),
        var report => InvariantResult.Held($"{report.WaitsFor.Count} waits, no cycle"),
    });
}
