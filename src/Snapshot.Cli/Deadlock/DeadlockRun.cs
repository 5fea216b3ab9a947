using Akka.Actor;
using Akka.Configuration;
using Snapshot.Analysis;
using Snapshot.Runtime;

namespace Snapshot.Cli.Deadlock;

/// <summary>
/// Plays a <see cref="DeadlockScenario"/> with real actors: a <see cref="LockActor"/> per lock and a
/// <see cref="LockUser"/> per user, all participants of <see cref="Group"/>. Each step waits for the user's answer;
/// then one snapshot is taken and analysed.
/// </summary>
public static class DeadlockRun
{
    public const string Group = "locks";

    /// <summary>The dispatcher the locks run on: one thread, which a <see cref="ThreadHolder"/> can hold.</summary>
    public const string LocksDispatcher = "snapshot-demo-locks";

    /// <summary>What an ActorSystem playing a scenario needs: the locks' dispatcher.</summary>
    public static readonly Config Config = ConfigurationFactory.ParseString($$"""
        {{LocksDispatcher}} {
          type = ForkJoinDispatcher
          throughput = 100
          dedicated-thread-pool.thread-count = 1
        }
        """);

    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(10);

    public static async Task<DeadlockRunReport> RunAsync(DeadlockScenario scenario, CancellationToken cancellationToken)
    {
        var system = ActorSystem.Create("deadlock", Config.WithFallback(CliAkkaConfig.Quiet));
        try
        {
            var (answers, snapshot) = await PlayAsync(system, scenario, cancellationToken);
            return new DeadlockRunReport(scenario, answers, snapshot, Deadlocks.Find(snapshot));
        }
        finally
        {
            await system.Terminate();
        }
    }

    /// <summary>
    /// Starts the scenario's actors in <paramref name="system"/> (configured with <see cref="Config"/>), plays its
    /// steps and takes the snapshot; returns each step's answer and the snapshot.
    /// </summary>
    public static async Task<(IReadOnlyList<LockOutcome> Answers, GlobalSnapshot Snapshot)> PlayAsync(
        ActorSystem system, DeadlockScenario scenario, CancellationToken cancellationToken)
    {
        var locks = scenario.Locks.ToDictionary(name => name, name => system.ActorOf(LockActor.Props(name).WithDispatcher(LocksDispatcher), DeadlockScenario.LockActorName(name)));
        var users = scenario.Users.ToDictionary(name => name, name => system.ActorOf(LockUser.Props(), name));
        var last = scenario.Steps[^1];
        var starterRecorded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var starter = scenario.CutWhileLastGrantInFlight ? system.ActorOf(SnapshotStarter.Props(users[last.User], starterRecorded), "snapshot-starter") : null;
        await GlobalSnapshots.Get(system).WaitForLocalParticipantsAsync(locks.Count + users.Count + (starter is null ? 0 : 1), Group, cancellationToken);
        var answers = new List<LockOutcome>();
        foreach (var step in starter is null ? scenario.Steps : scenario.Steps.SkipLast(1))
            answers.Add(await TakeAsync(users[step.User], locks[step.Resource], step.Resource, cancellationToken));
        if (starter is null)
            return (answers, await GlobalSnapshots.Get(system).TakeAsync(Group, cancellationToken: cancellationToken));
        var (answer, snapshot) = await CutWhileGrantInFlightAsync(system, starter, starterRecorded.Task, () => TakeAsync(users[last.User], locks[last.Resource], last.Resource, cancellationToken), cancellationToken);
        return ([.. answers, answer], snapshot);
    }

    /// <summary>
    /// Cuts a snapshot while the grant answering <paramref name="take"/> is on the channel lock → user. The locks'
    /// thread is held, so the user's request waits in the lock's mailbox; the starter, telling only the user, records
    /// and sends the user a marker, which the user handles after the request it was told first. Once the marker is
    /// queued the thread is let go: the lock grants, then gets its first marker (sent by the user after the request),
    /// and the grant reaches a user that has recorded and still awaits the lock's marker: it is recorded in flight.
    /// </summary>
    private static async Task<(LockOutcome Answer, GlobalSnapshot Snapshot)> CutWhileGrantInFlightAsync(
        ActorSystem system, IActorRef starter, Task starterRecorded, Func<Task<LockOutcome>> take, CancellationToken cancellationToken)
    {
        using var release = new ManualResetEventSlim();
        try
        {
            var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            system.ActorOf(Props.Create(() => new ThreadHolder()).WithDispatcher(LocksDispatcher)).Tell(new HoldThread(release, holding));
            await holding.Task.WaitAsync(StepTimeout, cancellationToken);
            var answer = take();
            var snapshot = GlobalSnapshots.Get(system).TakeAsync(Group, initiator: starter, cancellationToken: cancellationToken);
            await starterRecorded.WaitAsync(StepTimeout, cancellationToken);
            await starter.Ask<MarkersSent>(new MarkersSent(), StepTimeout, cancellationToken);
            release.Set();
            return (await answer, await snapshot);
        }
        finally
        {
            // Never leave the holder waiting on a disposed event, whatever failed above.
            release.Set();
        }
    }

    private static Task<LockOutcome> TakeAsync(IActorRef user, IActorRef lockActor, string resource, CancellationToken cancellationToken) =>
        user.Ask<LockOutcome>(new Take(lockActor, resource), StepTimeout, cancellationToken);
}
