namespace Snapshot.Analysis;

/// <summary>Where a snapshot holds a conserved quantity: in participants' states, in their stashes, and in flight on channels.</summary>
public sealed record ConservedAmounts(long InStates, long Stashed, long InFlight)
{
    public long Total => InStates + Stashed + InFlight;

    public override string ToString() => $"{Total} (states {InStates} + stashed {Stashed} + in flight {InFlight})";
}
