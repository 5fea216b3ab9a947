using Akka.Actor;

namespace Snapshot.Cli.Chaos;

/// <summary>A chaos account as the run knows it: its name, the node it lives on, and its ref there.</summary>
public sealed record AccountHandle(string Name, ChaosNode Home, IActorRef Ref)
{
    public override string ToString() => $"{Name} on {Home}";
}
