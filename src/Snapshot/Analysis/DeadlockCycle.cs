using Akka.Actor;

namespace Snapshot.Analysis;

/// <summary>
/// Participants each waiting for a resource the next one holds, the last for one the first holds: none can go on.
/// The cycle starts at its first participant in <see cref="ParticipantOrder"/>, so it always reads the same.
/// </summary>
public sealed record DeadlockCycle(IReadOnlyList<WaitEdge> Edges)
{
    public IReadOnlyList<IActorRef> Participants => [.. Edges.Select(e => e.Waiter)];

    /// <summary>Every resource on the cycle, edge by edge.</summary>
    public IReadOnlyList<string> Resources => [.. Edges.SelectMany(e => e.Resources)];

    /// <summary><c>A →(lock 2)→ B →(lock 1)→ A</c>.</summary>
    public override string ToString() => $"{Edges[0].Waiter.Path.Name} {string.Join(" ", Edges.Select(e => e.Arrow))}";
}
