using Snapshot.Runtime;

namespace Snapshot.Analysis;

/// <summary>
/// A quantity the system neither creates nor destroys (a bank's money, a ring's tokens), measured in a snapshot as
/// what the participants' states hold, plus what messages hold: in flight on channels and in stashes alike (a
/// stashed deposit is money its receiver has, not yet handled).
/// </summary>
/// <param name="quantity">What is conserved, for reports: "money".</param>
/// <param name="inState">How much of it a participant's recorded state holds; 0 for a state that holds none.</param>
/// <param name="inMessage">How much of it a message carries; 0 for a message that carries none.</param>
public sealed class Conservation(string quantity, Func<object?, long> inState, Func<object, long> inMessage)
{
    public string Quantity { get; } = quantity;

    public ConservedAmounts Measure(GlobalSnapshot snapshot)
    {
        var pending = PendingMessage.Of(snapshot).ToLookup(m => m.IsStashed, m => inMessage(m.Message));
        return new ConservedAmounts(snapshot.Processes.Sum(p => inState(p.State)), pending[true].Sum(), pending[false].Sum());
    }

    /// <summary>The invariant "the snapshot holds exactly <paramref name="expected"/>".</summary>
    public SnapshotInvariant TotalIs(long expected) => TotalIs(_ => expected);

    /// <summary>
    /// The invariant "the snapshot holds exactly what <paramref name="expected"/> says", for a total the snapshot itself
    /// tells (accounts that record what they opened with).
    /// </summary>
    public SnapshotInvariant TotalIs(Func<GlobalSnapshot, long> expected) => new($"{Quantity} is conserved", snapshot =>
    {
        var amounts = Measure(snapshot);
        var wanted = expected(snapshot);
        return amounts.Total == wanted
            ? InvariantResult.Held($"{amounts}")
            : InvariantResult.Violated($"expected {wanted}, the snapshot holds {amounts}, {amounts.Total - wanted:+#;-#}");
    });
}
