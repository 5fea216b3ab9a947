namespace Snapshot.Cli.Soak;

/// <summary>The snapshots of the current period, counted by the snapshot loop and taken (and reset) at each period's end.</summary>
public sealed class SoakTally
{
    private long _completed;
    private long _failed;
    private long _inconsistent;

    public void Completed(bool conserved)
    {
        Interlocked.Increment(ref _completed);
        if (!conserved)
            Interlocked.Increment(ref _inconsistent);
    }

    public void Failed() => Interlocked.Increment(ref _failed);

    /// <summary>The counts since the last call.</summary>
    public (long Completed, long Failed, long Inconsistent) Take() =>
        (Interlocked.Exchange(ref _completed, 0), Interlocked.Exchange(ref _failed, 0), Interlocked.Exchange(ref _inconsistent, 0));
}
