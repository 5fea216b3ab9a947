namespace Snapshot.Simulation;

/// <summary>
/// Delays drawn uniformly from 1–5 by SplitMix64 from a seed. The generator is written out here,
/// not taken from <see cref="Random"/>, so a seed gives the same run on every .NET version.
/// </summary>
public sealed class SeededDelays(long seed) : IDelaySource
{
    public const long MaxDelay = 5;

    private ulong _state = unchecked((ulong)seed);

    public long Next() => 1 + (long)(NextRandom() % MaxDelay);

    private ulong NextRandom()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
