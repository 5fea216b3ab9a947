namespace Snapshot.Runtime.Tests.Support;

/// <summary>
/// A test-owned barrier an actor waits on inside one of its handlers, so that its mailbox stands still
/// while the test queues messages behind it in a known order. Disposing it opens it, so no actor is
/// left blocked when a test ends early.
/// </summary>
public sealed class Gate : IDisposable
{
    /// <summary>A safety net only: a test that forgets to open its gate fails instead of hanging.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private readonly ManualResetEventSlim _open = new(false);
    private int _inside;

    public void Open() => _open.Set();

    /// <summary>Called by the actor: says it is inside (<paramref name="entered"/>), then waits until the test opens the gate.</summary>
    public void Pass(Action entered)
    {
        Interlocked.Increment(ref _inside);
        try
        {
            entered();
            if (!_open.Wait(Limit))
                throw new TimeoutException("the test never opened the gate");
        }
        finally
        {
            Interlocked.Decrement(ref _inside);
        }
    }

    public void Dispose()
    {
        _open.Set();
        // The event may be disposed of only once no actor is inside Wait any more.
        SpinWait.SpinUntil(() => Volatile.Read(ref _inside) == 0, Limit);
        _open.Dispose();
    }
}
