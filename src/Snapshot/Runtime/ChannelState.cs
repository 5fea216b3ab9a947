using Akka.Actor;

namespace Snapshot.Runtime;

/// <summary>The messages <see cref="From"/> had told <see cref="To"/> that were still in flight at the cut, in arrival order.</summary>
public sealed record ChannelState(IActorRef From, IActorRef To, IReadOnlyList<object> Messages);
