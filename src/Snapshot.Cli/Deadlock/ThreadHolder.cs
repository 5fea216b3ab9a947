using Akka.Actor;

namespace Snapshot.Cli.Deadlock;

/// <summary>Holds the thread it runs on until <paramref name="Release"/> is set; completes <paramref name="Holding"/> once it does.</summary>
public sealed record HoldThread(ManualResetEventSlim Release, TaskCompletionSource Holding);

/// <summary>
/// Not a participant: run on the locks' one-thread dispatcher, it keeps the locks from handling anything while it
/// holds the thread, as a busy lock service would. The run uses it to cut a snapshot while a grant is on its way.
/// </summary>
public sealed class ThreadHolder : ReceiveActor
{
    /// <summary>A safety net only: a run that never releases the thread fails instead of hanging.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    public ThreadHolder() => Receive<HoldThread>(hold =>
    {
        hold.Holding.SetResult();
        hold.Release.Wait(Limit);
    });
}
