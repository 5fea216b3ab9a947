using Akka.Actor;
using Snapshot.Analysis;

namespace Snapshot.Cli.Deadlock;

/// <summary>From outside to a <see cref="LockUser"/>: take <paramref name="Resource"/> from the lock actor <paramref name="Lock"/>; answered with a <see cref="LockOutcome"/>.</summary>
public sealed record Take(IActorRef Lock, string Resource);

/// <summary>A lock user's answer to <see cref="Take"/>: it holds the lock now, or it waits in the lock's queue.</summary>
public sealed record LockOutcome(string User, string Resource, bool Holds)
{
    public override string ToString() => $"{User} {(Holds ? "holds" : "waits for")} {Resource}";
}

/// <summary>A user asks a lock for itself.</summary>
public sealed record Acquire;

/// <summary>A lock tells a user it queued its request behind the holder.</summary>
public sealed record Queued(string Resource);

/// <summary>A lock hands itself to a user: until it arrives, the user is the lock's holder and waits no more.</summary>
public sealed record Granted(string Resource) : IResourceHandover;

