using Akka.Actor;

namespace Snapshot.Runtime;

/// <summary>A participant's recorded state: what its <c>CaptureState</c> returned, and the messages in its stash at that moment.</summary>
public sealed record ProcessState(IActorRef Participant, object? State, IReadOnlyList<object> Stashed);
