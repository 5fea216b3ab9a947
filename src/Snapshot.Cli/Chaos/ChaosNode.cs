using Akka.Actor;
using Akka.Cluster;
using Akka.Remote;

namespace Snapshot.Cli.Chaos;

/// <summary>One ActorSystem of the chaos cluster: its branch of accounts and its payer.</summary>
public sealed class ChaosNode(int number, ActorSystem system)
{
    public int Number { get; } = number;

    public ActorSystem System { get; } = system;

    public Address Address { get; } = Cluster.Get(system).SelfAddress;

    public IActorRef Branch { get; } = system.ActorOf(Chaos.Branch.Props(), "branch");

    /// <summary>Set once the node has joined and opened its accounts.</summary>
    public IActorRef? Payer { get; set; }

    private volatile bool _crashed;

    /// <summary>Crashed on purpose by the run (or being shut down with the cluster).</summary>
    public bool Crashed
    {
        get => _crashed;
        set => _crashed = value;
    }

    /// <summary>Joined, not crashed, and up as far as it knows itself (the cluster may down a node on its own).</summary>
    public bool IsUp =>
        Payer is not null && !Crashed && !System.WhenTerminated.IsCompleted && Cluster.Get(System).SelfMember.Status is MemberStatus.Up or MemberStatus.WeaklyUp;

    public RemoteTransport Transport => ((RemoteActorRefProvider)((ExtendedActorSystem)System).Provider).Transport;

    public override string ToString() => $"node {Number}";
}
