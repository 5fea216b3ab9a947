namespace Snapshot.Algorithm;

/// <summary>
/// What a <see cref="SnapshotCoordination{TNode,TParticipant,TPart,TMessage}"/> decided when a snapshot's timeout fired.
/// </summary>
/// <param name="Silent">Non-empty when it never started: these nodes had not confirmed they were ready for it. It ended.</param>
/// <param name="Ask">Otherwise, the participants whose part is missing: the driver asks each what it still waits for,
/// and reports the timeout once all have answered (<see cref="SnapshotCoordination{TNode,TParticipant,TPart,TMessage}.Answered"/>)
/// or its grace period is over (<see cref="SnapshotCoordination{TNode,TParticipant,TPart,TMessage}.ReportTimeout"/>).</param>
public sealed record TimeoutDecision<TNode, TParticipant>(IReadOnlyCollection<TNode> Silent, IReadOnlyList<TParticipant> Ask)
{
    public bool NeverStarted => Silent.Count > 0;
}
