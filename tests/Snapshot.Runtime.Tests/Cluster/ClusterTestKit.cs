using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Akka.Remote;
using Akka.TestKit.Xunit2;
using Snapshot.Runtime.Tests.Bank;
using Snapshot.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests.Cluster;

/// <summary>
/// Three ActorSystems of one process forming a cluster on 127.0.0.1 with ports the OS picks, before each test;
/// <see cref="TestKit.Sys"/> is the first of <see cref="Nodes"/>, and the seed.
/// </summary>
public abstract class ClusterTestKit : TestKit, IAsyncLifetime
{
    protected const int NodeCount = 3;

    /// <summary>What every node of a test cluster runs with: loopback, a port the OS picks, the extension loaded.</summary>
    internal static readonly Config NodeConfig = ConfigurationFactory.ParseString("""
        akka {
          loglevel = WARNING
          actor.provider = cluster
          extensions = ["Snapshot.Runtime.GlobalSnapshotsExtensionProvider, Snapshot"]
          remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
          cluster.log-info = off
        }
        """);

    private readonly Config _config;
    private readonly List<ActorSystem> _nodes = [];

    /// <param name="config">Configuration of every node, over the cluster's own.</param>
    protected ClusterTestKit(ITestOutputHelper output, string config = "")
        : this(ConfigurationFactory.ParseString(config).WithFallback(NodeConfig), output)
    {
    }

    private ClusterTestKit(Config config, ITestOutputHelper output) : base(config, "snapshot", output)
    {
        _config = config;
        _nodes.Add(Sys);
    }

    protected IReadOnlyList<ActorSystem> Nodes => _nodes;

    public async Task InitializeAsync()
    {
        while (_nodes.Count < NodeCount)
            _nodes.Add(ActorSystem.Create("snapshot", _config.WithFallback(Sys.Settings.Config)));
        var seed = Akka.Cluster.Cluster.Get(Sys).SelfAddress;
        using var joined = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Task.WhenAll(_nodes.Select(n => Akka.Cluster.Cluster.Get(n).JoinAsync(seed, joined.Token)));
        await AwaitAssertAsync(() => Assert.All(_nodes, n => Assert.Equal(NodeCount, Akka.Cluster.Cluster.Get(n).State.Members.Count(m => m.Status == MemberStatus.Up))));
    }

    public async Task DisposeAsync() => await Task.WhenAll(_nodes.Skip(1).Select(n => n.Terminate()));

    /// <summary>
    /// The actors as <paramref name="node"/> reaches them: its own directly, the others through remoting. The refs
    /// that ActorOf returned on other ActorSystems of this process would skip remoting, and with it the FIFO
    /// channel that markers travel on (and the serialization that every message between nodes goes through).
    /// </summary>
    protected IActorRef[] SeenFrom(ActorSystem node, IEnumerable<IActorRef> actors) => [.. actors.Select(a => SeenFrom(node, a))];

    /// <inheritdoc cref="SeenFrom(ActorSystem, IEnumerable{IActorRef})"/>
    protected IActorRef SeenFrom(ActorSystem node, IActorRef actor) =>
        ((ExtendedActorSystem)node).Provider.ResolveActorRef(actor.Path.ToSerializationFormatWithAddress(AddressOf(actor)));

    /// <summary>The cluster address of the node an actor created by ActorOf on one of <see cref="Nodes"/> lives on.</summary>
    protected Address AddressOf(IActorRef actor) =>
        Akka.Cluster.Cluster.Get(_nodes.Single(n => ((IInternalActorRef)actor).Provider == ((ExtendedActorSystem)n).Provider)).SelfAddress;

    /// <summary>The address of a ref as some node sees it: "local" for that node's own actors.</summary>
    protected static string NodeOf(IActorRef actor) => actor.Path.Address.HasGlobalScope ? actor.Path.Address.ToString() : "local";

    /// <summary>
    /// One <see cref="Account"/> per node holding <paramref name="openingBalance"/>, and on <paramref name="node"/> a
    /// participant named "stuck" with nothing, blocked on <paramref name="gate"/>, so that a snapshot stays running.
    /// </summary>
    protected async Task<IActorRef> OpenBankWithStuckParticipantAsync(ActorSystem node, Gate gate, long openingBalance)
    {
        foreach (var (system, n) in _nodes.Select((system, n) => (system, n)))
            system.ActorOf(Props.Create(() => new Account(openingBalance)), $"account-{n}");
        await Task.WhenAll(_nodes.Select(system => GlobalSnapshots.Get(system).WaitForLocalParticipantsAsync(1, Account.Group)));
        var stuck = node.ActorOf(Node.Props(Account.Group, balance: 0), "stuck");
        stuck.Tell(new Block(gate, TestActor));
        await ExpectMsgAsync<Blocked>();
        await GlobalSnapshots.Get(node).WaitForLocalParticipantsAsync(2, Account.Group);
        return stuck;
    }

    /// <summary>Starts a snapshot of the bank on the first node; returns once it has reached <paramref name="stuck"/>, which holds it up.</summary>
    protected async Task<Task<GlobalSnapshot>> StartSnapshotHeldUpByAsync(IActorRef stuck, TimeSpan timeout)
    {
        var snapshot = GlobalSnapshots.Get(Sys).TakeAsync(Account.Group, timeout: timeout);
        // Once the blocked participant's Initiate is queued, the snapshot runs across all the nodes.
        await AwaitConditionAsync(() => Task.FromResult(((ActorRefWithCell)stuck).Underlying.NumberOfMessages > 0));
        return snapshot;
    }

    /// <summary>The money of a snapshot taken with <see cref="OpenBankWithStuckParticipantAsync"/>: the accounts' and the stuck participant's.</summary>
    protected static long BankMoney(GlobalSnapshot snapshot) =>
        Account.Money(snapshot) + (long)snapshot.Processes.Single(p => p.Participant.Path.Name == "stuck").State!;

    /// <summary>A node's remote transport, for the throttler adapter's commands when it is configured.</summary>
    protected static RemoteTransport Transport(ActorSystem node) => ((IRemoteActorRefProvider)((ExtendedActorSystem)node).Provider).Transport;
}
