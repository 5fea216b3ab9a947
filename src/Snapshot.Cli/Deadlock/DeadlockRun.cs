using Akka.Actor;
using Snapshot.Analysis;
using Snapshot.Runtime;

namespace Snapshot.Cli.Deadlock;

/// <summary>
/// Plays a <see cref="DeadlockScenario"/> with real actors in an ActorSystem of its own: a <see cref="LockActor"/>
/// per lock and a <see cref="LockUser"/> per user, all participants of <see cref="Group"/>; each step waits for the
/// user's answer, then one snapshot is taken and analysed.
/// </summary>
public static class DeadlockRun
{
    public const string Group = "locks";

    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(10);

    public static async Task<DeadlockRunReport> RunAsync(DeadlockScenario scenario, CancellationToken cancellationToken)
    {
        var system = ActorSystem.Create("deadlock", CliAkkaConfig.Quiet);
        try
        {
            var answers = await PlayAsync(system, scenario, cancellationToken);
            var snapshot = await GlobalSnapshots.Get(system).TakeAsync(Group, cancellationToken: cancellationToken);
            return new DeadlockRunReport(scenario, answers, snapshot, Deadlocks.Find(snapshot));
        }
        finally
        {
            await system.Terminate();
        }
    }

    /// <summary>Starts the scenario's actors in <paramref name="system"/> and plays its steps; returns each step's answer.</summary>
    public static async Task<IReadOnlyList<LockOutcome>> PlayAsync(ActorSystem system, DeadlockScenario scenario, CancellationToken cancellationToken)
    {
        var locks = scenario.Locks.ToDictionary(name => name, name => system.ActorOf(LockActor.Props(name), name.Replace(' ', '-')));
        var users = scenario.Users.ToDictionary(name => name, name => system.ActorOf(LockUser.Props(), name));
        await GlobalSnapshots.Get(system).WaitForLocalParticipantsAsync(locks.Count + users.Count, Group, cancellationToken);
        var answers = new List<LockOutcome>();
        foreach (var step in scenario.Steps)
            answers.Add(await users[step.User].Ask<LockOutcome>(new Take(locks[step.Resource], step.Resource), StepTimeout, cancellationToken));
        return answers;
    }
}
