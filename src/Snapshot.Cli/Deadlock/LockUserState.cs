using System.Collections.Immutable;
using Akka.Actor;
using Snapshot.Analysis;

namespace Snapshot.Cli.Deadlock;

/// <summary>What a lock user records: the locks it holds and those it waits for.</summary>
public sealed record LockUserState(ImmutableSortedSet<string> Held, ImmutableSortedSet<string> Awaited) : IResourceState
{
    public static readonly LockUserState Empty = new(ImmutableSortedSet.Create<string>(StringComparer.Ordinal), ImmutableSortedSet.Create<string>(StringComparer.Ordinal));

    public IEnumerable<ResourceClaim> ResourceClaims(IActorRef self) =>
        Held.Select(r => ResourceClaim.Holds(self, r)).Concat(Awaited.Select(r => ResourceClaim.WaitsFor(self, r)));

    public override string ToString() =>
        string.Join("; ", new[] { ("holds", Held), ("waits for", Awaited) }.Where(p => !p.Item2.IsEmpty).Select(p => $"{p.Item1} {string.Join(", ", p.Item2)}")) is { Length: > 0 } text
            ? text
            : "holds nothing";
}
