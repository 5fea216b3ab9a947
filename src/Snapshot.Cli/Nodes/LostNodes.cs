using Akka.Actor;
using Akka.Cluster;

namespace Snapshot.Cli.Nodes;

/// <summary>
/// The nodes a client saw go while it was in the cluster: unreachable, downed, removed, or leaving. Their accounts, and
/// the money they paid or were paid, may be missing from a snapshot that does not name them as departed: the client
/// took no earlier snapshot for the library to compare with. Other clients (role <c>client</c>) hold no accounts and
/// are not watched.
/// </summary>
public sealed class LostNodes
{
    private const string Unreachable = "unreachable";

    private readonly object _gate = new();
    private readonly Dictionary<Address, (string What, bool StillMember)> _lost = [];

    private LostNodes()
    {
    }

    /// <summary>Watches the cluster of <paramref name="system"/> from now on, the members' state when it starts included.</summary>
    public static LostNodes Watch(ActorSystem system)
    {
        var lost = new LostNodes();
        system.ActorOf(Props.Create(() => new Watcher(lost)), "lost-nodes");
        return lost;
    }

    /// <summary>Each lost node with what happened to it, like <c>akka.tcp://snapshot@127.0.0.1:4054 (downed and removed from the cluster)</c>.</summary>
    public IReadOnlyList<string> Described
    {
        get
        {
            lock (_gate)
                return [.. _lost.OrderBy(l => l.Key.ToString(), StringComparer.Ordinal).Select(l => $"{l.Key} ({l.Value.What})")];
        }
    }

    /// <summary>True once a lost node is no longer a member: the group it left will not grow back unless a new node joins.</summary>
    public bool AnyRemoved
    {
        get
        {
            lock (_gate)
                return _lost.Values.Any(l => !l.StillMember);
        }
    }

    private void Saw(Address node, string what, bool stillMember)
    {
        lock (_gate)
            _lost[node] = (what, stillMember);
    }

    private void Reachable(Address node)
    {
        lock (_gate)
        {
            if (_lost.TryGetValue(node, out var lost) && lost.What == Unreachable)
                _lost.Remove(node);
        }
    }

    private sealed class Watcher : ReceiveActor
    {
        public Watcher(LostNodes lost)
        {
            var cluster = Cluster.Get(Context.System);
            bool Watched(Member member) => member.Address != cluster.SelfAddress && !member.HasRole("client");
            Receive<ClusterEvent.UnreachableMember>(e => Watched(e.Member), e => lost.Saw(e.Member.Address, Unreachable, stillMember: true));
            Receive<ClusterEvent.ReachableMember>(e => lost.Reachable(e.Member.Address));
            Receive<ClusterEvent.MemberDowned>(e => Watched(e.Member), e => lost.Saw(e.Member.Address, "downed", stillMember: true));
            Receive<ClusterEvent.MemberLeft>(e => Watched(e.Member), e => lost.Saw(e.Member.Address, "leaving the cluster", stillMember: true));
            Receive<ClusterEvent.MemberRemoved>(e => Watched(e.Member), e => lost.Saw(e.Member.Address,
                e.PreviousStatus == MemberStatus.Down ? "downed and removed from the cluster" : "left the cluster", stillMember: false));
            ReceiveAny(_ => { });
        }

        protected override void PreStart() =>
            Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
                typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));

        protected override void PostStop() => Cluster.Get(Context.System).Unsubscribe(Self);
    }
}
