using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Snapshot.Cli;
using Snapshot.Cli.Nodes;

namespace Snapshot.Tests.Cli;

/// <summary>A client the cluster downs while it joins: <see cref="ClientMembership.JoinAsync"/> fails then, it does not wait out its limit.</summary>
public sealed class ClientMembershipTests : IAsyncLifetime
{
    // The seed's leader moves no one up until three members have joined, itself included: the client stays Joining until it is downed.
    private readonly ActorSystem _seed = ActorSystem.Create("snapshot",
        ConfigurationFactory.ParseString("akka.cluster.min-nr-of-members = 3").WithFallback(CliAkkaConfig.LoopbackClusterNode()));
    private readonly ActorSystem _client = ActorSystem.Create("snapshot", CliAkkaConfig.LoopbackClusterNode());

    public Task InitializeAsync()
    {
        Cluster.Get(_seed).Join(Cluster.Get(_seed).SelfAddress);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Task.WhenAll(_seed.Terminate(), _client.Terminate());

    [Fact]
    public async Task Join_fails_once_the_cluster_downs_the_client_before_it_is_up()
    {
        var seed = Cluster.Get(_seed);
        var client = Cluster.Get(_client).SelfAddress;
        var joining = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _seed.ActorOf(Props.Create(() => new JoinWatcher(client, joining)));
        // A limit far beyond the test's: reaching it would mean the join waited for Up regardless.
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(10));

        var join = ClientMembership.JoinAsync(_client, seed.SelfAddress, limit.Token);
        await joining.Task.WaitAsync(TimeSpan.FromSeconds(30));
        seed.Down(client);

        var failure = await Assert.ThrowsAsync<ClientMembership.RemovedWhileJoiningException>(() => join.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.StartsWith("the cluster removed this client before it was up (it was downed: ", failure.Message);
    }

    /// <summary>Tells when the client is a Joining member, as the seed sees it.</summary>
    private sealed class JoinWatcher : ReceiveActor
    {
        public JoinWatcher(Address client, TaskCompletionSource joining)
        {
            Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.MemberJoined));
            Receive<ClusterEvent.MemberJoined>(joined =>
            {
                if (joined.Member.Address == client)
                    joining.TrySetResult();
            });
        }
    }
}
