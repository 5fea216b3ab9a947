using Akka.Actor;

namespace Snapshot.Analysis;

/// <summary>An object no root reaches: garbage its owner can free.</summary>
public sealed record UnreachableObject(string Id, IActorRef Owner)
{
    public override string ToString() => $"{Id} on {Owner.Path.Name}";
}
