namespace Snapshot.Cli.Bench;

/// <summary>
/// Completes once every payment chain of a run has ended, adding up the transfers each made; thread-safe, called from
/// inside accounts, on whichever node of this process they live.
/// </summary>
public sealed class PaymentTally(int chains)
{
    private int _remaining = chains;
    private long _transfers;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Done => _done.Task;

    /// <summary>Transfers made by the chains that have ended so far.</summary>
    public long Transfers => Interlocked.Read(ref _transfers);

    public void ChainEnded(long transfers)
    {
        Interlocked.Add(ref _transfers, transfers);
        if (Interlocked.Decrement(ref _remaining) == 0)
            _done.TrySetResult();
    }
}
