using Akka.Actor;

namespace Snapshot.Cli.Bench;

/// <summary>
/// The naive consistent snapshot the Chandy–Lamport one is compared with: pause every actor, wait until all
/// have acknowledged (each hands over its state and then stashes everything), then resume them all.
/// </summary>
public static class StopTheWorld
{
    public static async Task<IReadOnlyList<object>> TakeAsync(IReadOnlyList<IActorRef> actors, TimeSpan timeout)
    {
        var paused = await Task.WhenAll(actors.Select(a => a.Ask<Paused>(Pause.Instance, timeout)));
        foreach (var actor in actors)
            actor.Tell(Resume.Instance);
        return paused.Select(p => p.State).ToArray();
    }
}
