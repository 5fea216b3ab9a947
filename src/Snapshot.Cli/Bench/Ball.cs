using Akka.Actor;

namespace Snapshot.Cli.Bench;

/// <summary>The message a ping-pong pair hits back and forth: one instance per pair, so sending it allocates nothing.</summary>
public sealed class Ball
{
    public static readonly Ball Instance = new();
}

/// <summary>Tells a player its partner, how many hits to return before it stops, and whom to tell when it stops; answered with <see cref="Ready"/>.</summary>
public sealed record Meet(IActorRef Partner, long Hits, Finish Finish);

/// <summary>A player's answer to <see cref="Meet"/>.</summary>
public sealed class Ready
{
    public static readonly Ready Instance = new();
}

/// <summary>Tells a player to hit the first ball to its partner.</summary>
public sealed class Serve
{
    public static readonly Serve Instance = new();
}
