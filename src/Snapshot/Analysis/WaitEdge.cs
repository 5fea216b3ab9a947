using Akka.Actor;

namespace Snapshot.Analysis;

/// <summary><see cref="Waiter"/> waits for <see cref="Resources"/> (ordinal order), which <see cref="Holder"/> holds.</summary>
public sealed record WaitEdge(IActorRef Waiter, IActorRef Holder, IReadOnlyList<string> Resources)
{
    /// <summary>The edge as a report prints it, without its waiter: <c>→(lock 2)→ B</c>.</summary>
    public string Arrow => $"→({string.Join(", ", Resources)})→ {Holder.Path.Name}";

    public override string ToString() => $"{Waiter.Path.Name} {Arrow}";
}
