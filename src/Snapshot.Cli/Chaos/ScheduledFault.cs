namespace Snapshot.Cli.Chaos;

/// <summary>
/// One fault of a schedule: what, and not before when. <paramref name="Target"/> and <paramref name="Other"/> pick
/// among what is alive when it is injected (an account, a node), so the schedule needs no knowledge of the run.
/// An account is restarted or stopped at once, or <paramref name="WhileRecording"/> for a snapshot.
/// </summary>
public sealed record ScheduledFault(TimeSpan At, FaultKind Kind, int Target, int Other, bool WhileRecording)
{
    public static T Pick<T>(IReadOnlyList<T> candidates, int pick) => candidates[pick % candidates.Count];
}
