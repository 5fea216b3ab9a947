namespace Snapshot.Cli.Bench;

/// <summary>Completes once <c>count</c> actors have said they are done; thread-safe, called from inside actors.</summary>
public sealed class Finish(int count)
{
    private int _remaining = count;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Done => _done.Task;

    public void One()
    {
        if (Interlocked.Decrement(ref _remaining) == 0)
            _done.TrySetResult();
    }
}
