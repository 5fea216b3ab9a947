using System.Runtime.ExceptionServices;
using Akka.Actor;
using Akka.Event;
using Snapshot.Restore.Internal;
using Snapshot.Runtime;

namespace Snapshot.Restore;

/// <summary>
/// Starts a group again from a snapshot (see <see cref="GlobalSnapshots.RestoreAsync"/>): a new actor per participant
/// from the application's factory, then each one's replay, delivered before any other message reaches it.
/// </summary>
internal static class GroupRestore
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    public static async Task<RestoredGroup> RunAsync(ActorSystem system, GlobalSnapshots snapshots, GlobalSnapshot snapshot,
        Func<RestoringParticipant, IActorRef> factory, Func<object, IReadOnlyDictionary<IActorRef, IActorRef>, object>? rewrite, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        CheckComplete(snapshot);
        var present = await snapshots.ParticipantsAsync(snapshot.Group, cancellationToken);
        if (present.Count > 0)
        {
            throw new RestoreFailedException(snapshot.Group,
                $"group '{snapshot.Group}' already has participants ({Names(present)}): a snapshot is restored into an empty group");
        }
        var restore = Guid.NewGuid();
        var created = new Dictionary<IActorRef, IActorRef>();
        IActorRef? restorer = null;
        try
        {
            foreach (var process in snapshot.Processes)
                created.Add(process.Participant, Create(factory, new RestoringParticipant(process.Participant, process.State, new RestoreTicket(restore)), created, snapshot.Group));
            var replays = Replay.Of(snapshot, created, rewrite);
            restorer = ((ExtendedActorSystem)system).SystemActorOf(Restorer.Props(restore, snapshot.Group, replays, timeout), $"snapshot-restore-{restore:N}");
            // The restorer answers by itself within the timeout; the ask's own limit only guards against it being gone.
            var reply = await restorer.Ask<object>(new Restorer.StartReplay(), timeout + TimeSpan.FromSeconds(5), cancellationToken);
            if (reply is Status.Failure failure)
                ExceptionDispatchInfo.Throw(failure.Cause);
            return new RestoredGroup(snapshot.Group, created, (int)((Status.Success)reply).Status!);
        }
        catch
        {
            // The restorer ends once the actors it watches stop, unless a cancelled ask never told it to start.
            restorer?.Tell(PoisonPill.Instance);
            await StopAsync(system, created.Values, timeout);
            await UntilLeftAsync(snapshots, snapshot.Group, created.Values, timeout);
            throw;
        }
    }

    /// <summary>Refuses a snapshot whose channels name a participant it has no state for: it cannot have been taken whole.</summary>
    private static void CheckComplete(GlobalSnapshot snapshot)
    {
        if (snapshot.Processes.Count == 0)
            throw new RestoreFailedException(snapshot.Group, $"snapshot {snapshot.Id} of group '{snapshot.Group}' has no participants");
        var participants = snapshot.Processes.Select(p => p.Participant).ToHashSet();
        if (participants.Count < snapshot.Processes.Count)
            throw new RestoreFailedException(snapshot.Group, $"snapshot {snapshot.Id} names a participant twice");
        foreach (var channel in snapshot.Channels.Where(c => !participants.Contains(c.From) || !participants.Contains(c.To)))
        {
            throw new RestoreFailedException(snapshot.Group,
                $"snapshot {snapshot.Id} has a channel {channel.From.Path.Name} → {channel.To.Path.Name} between participants it has no state for");
        }
    }

    private static IActorRef Create(Func<RestoringParticipant, IActorRef> factory, RestoringParticipant participant, Dictionary<IActorRef, IActorRef> created, string group)
    {
        IActorRef? actor;
        try
        {
            actor = factory(participant);
        }
        catch (Exception e)
        {
            throw new RestoreFailedException(group, $"the factory failed to create participant {participant.Name} ({participant.Recorded.Path}): {e.Message}", e);
        }
        if (actor is null || actor.IsNobody())
            throw new RestoreFailedException(group, $"the factory returned no actor for participant {participant.Name} ({participant.Recorded.Path})");
        if (created.FirstOrDefault(c => c.Value.Equals(actor)).Key is { } other)
            throw new RestoreFailedException(group, $"the factory returned {actor.Path} for both participant {other.Path.Name} and participant {participant.Name}");
        return actor;
    }

    /// <summary>Stops what a failed restore created, and waits until they are gone so that the group is empty again.</summary>
    private static async Task StopAsync(ActorSystem system, IEnumerable<IActorRef> actors, TimeSpan timeout)
    {
        var stopped = await Task.WhenAll(actors.Select(async actor =>
        {
            try
            {
                return await actor.GracefulStop(timeout);
            }
            catch (TaskCanceledException)
            {
                return false;
            }
        }));
        if (stopped.Contains(false))
            system.Log.Warning("A failed restore could not stop {0} of the {1} actors it created within {2}", stopped.Count(s => !s), stopped.Length, timeout);
    }

    // A few names tell the user which group they hit; thousands would bury the message.
    /// <summary>
    /// Waits until the coordinators no longer list <paramref name="actors"/> in the group, so that the restore can be
    /// retried at once: they learn of a stop through their own watch, a moment after the one who stopped them.
    /// </summary>
    private static async Task UntilLeftAsync(GlobalSnapshots snapshots, string group, IEnumerable<IActorRef> actors, TimeSpan timeout)
    {
        var stopped = actors.ToHashSet();
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            while ((await snapshots.ParticipantsAsync(group, limit.Token)).Any(stopped.Contains))
                await Task.Delay(PollInterval, limit.Token);
        }
        catch (OperationCanceledException)
        {
            // Past the limit the failure is reported anyway; a retry then names the actors still listed.
        }
    }

    private static string Names(IReadOnlyList<IActorRef> actors) =>
        string.Join(", ", actors.Take(5).Select(a => a.Path.Name)) + (actors.Count > 5 ? $" and {actors.Count - 5} more" : "");
}
