using Akka.Actor;
using Snapshot.Algorithm.Sharded;

namespace Snapshot.Sharding.Internal;

/// <summary>
/// One snapshot of an entity type at its coordinator: first the question to every member (which snapshot each opened
/// last, and whether it hosts the type), then, from the answers, the snapshot itself, opened on every node hosting it.
/// </summary>
internal sealed class RunningTake(TakeSharded take, IEnumerable<Address> asked)
{
    public Guid Request { get; } = Guid.NewGuid();

    public TakeSharded Take { get; } = take;

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    /// <summary>The members asked that have not answered.</summary>
    public HashSet<Address> Unanswered { get; } = [.. asked];

    /// <summary>Each member's answer, with the actor of its node that gave it, to open and close the snapshot on.</summary>
    public List<(OpenedHere Answer, IActorRef Actor)> Answers { get; } = [];

    /// <summary>Set once the answers are in and the snapshot is open; null while asking.</summary>
    public ShardedCompletion<Address, string, object?, object>? Completion { get; set; }

    /// <summary>The nodes it was opened on, which host the type.</summary>
    public IReadOnlyList<(Address Node, IActorRef Actor)> Nodes { get; set; } = [];
}
