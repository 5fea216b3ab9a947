using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Akka.Event;
using Snapshot.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests.Cluster;

/// <summary>
/// The cluster's three nodes talk TLS with the project's hocon/tls.conf, each presenting the cluster's certificate:
/// snapshots cross it whole, and a node presenting another certificate is refused.
/// </summary>
public sealed class TlsSpec(ITestOutputHelper output, TlsCertificates certificates)
    : ClusterTestKit(output, TlsConfig(certificates.ClusterPath)), IClassFixture<TlsCertificates>
{
    private const string Group = "tls";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>hocon/tls.conf appended with this test's certificate, as the README appends it to a node's file.</summary>
    private static string TlsConfig(string certificatePath) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "hocon", "tls.conf")) + $$"""

        akka.remote.dot-netty.tcp.ssl.certificate { path = "{{certificatePath}}", password = "{{TlsCertificates.Password}}" }
        # The test forms its own cluster on ports the OS picks, not the one of hocon/node1-3.conf.
        akka.cluster.seed-nodes = []
        """;

    [Fact]
    public async Task A_snapshot_across_nodes_over_TLS_holds_every_state_and_the_credits_in_flight_between_nodes()
    {
        Assert.All(Nodes, n => Assert.Equal("akka.ssl.tcp", Akka.Cluster.Cluster.Get(n).SelfAddress.Protocol));
        var bystander = Sys.ActorOf(Node.Props(Group), "bystander");
        var payee = Nodes[1].ActorOf(Node.Props(Group), "payee");
        var payer = Nodes[2].ActorOf(Node.Props(Group), "payer");
        await Task.WhenAll(Nodes.Select(n => GlobalSnapshots.Get(n).WaitForLocalParticipantsAsync(1, Group)));
        using var gate = new Gate();
        payer.Tell(new Block(gate, TestActor));
        await ExpectMsgAsync<Blocked>();
        string[] notes = ["first", "second", "third"];
        var payeeFromPayer = SeenFrom(Nodes[2], payee);
        foreach (var note in notes)
            payer.Tell(new PayTo(payeeFromPayer, 10, note));

        var taking = GlobalSnapshots.Get(Sys).TakeAsync(Group, initiator: SeenFrom(Sys, payee), timeout: Timeout);
        // The markers of the payee and the bystander queue behind the payments: the payer pays, then records.
        await AwaitAssertAsync(() => Assert.Equal(notes.Length + 2, ((ActorRefWithCell)payer).Underlying.NumberOfMessages), Timeout);
        gate.Open();
        var snapshot = await taking.WaitAsync(Timeout * 2);

        Assert.Equal(
            [("bystander", 100L), ("payee", 100L), ("payer", 70L)],
            snapshot.Processes.Select(p => (p.Participant.Path.Name, (long)p.State!)).Order());
        Assert.Equal(9, snapshot.ChannelCount);
        var inFlight = Assert.Single(snapshot.Channels);
        Assert.Equal(("payer", "payee"), (inFlight.From.Path.Name, inFlight.To.Path.Name));
        Assert.Equal(notes.Select(n => new Credit(10, n)), inFlight.Messages);
    }

    [Fact]
    public async Task A_node_presenting_a_certificate_the_cluster_does_not_trust_never_becomes_a_member()
    {
        var seed = Akka.Cluster.Cluster.Get(Sys).SelfAddress;
        // The outsider trusts the cluster's certificate (one process, one root store): only the seed's check of
        // the certificate the outsider presents, with require-mutual-authentication, keeps it out. The outsider
        // retries its join soon after a failure, and learns of a refusal at the latest when its connection times
        // out: its half of the TLS 1.3 handshake is done before the seed checks its certificate.
        var outsider = ActorSystem.Create("snapshot", ConfigurationFactory.ParseString($$"""
            akka.remote.dot-netty.tcp.ssl.certificate.path = "{{certificates.OutsiderPath}}"
            akka.remote.dot-netty.tcp.connection-timeout = 2s
            akka.remote.retry-gate-closed-for = 200ms
            akka.cluster.retry-unsuccessful-join-after = 500ms
            """).WithFallback(Sys.Settings.Config));
        try
        {
            var refusals = CreateTestProbe();
            Sys.EventStream.Subscribe(refusals.Ref, typeof(Error));
            var memberEvents = CreateTestProbe();
            Akka.Cluster.Cluster.Get(Sys).Subscribe(memberEvents.Ref, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.IMemberEvent));
            await memberEvents.ExpectMsgAsync<ClusterEvent.CurrentClusterState>();
            Akka.Cluster.Cluster.Get(outsider).Join(seed);

            // Two attempts, each refused by the seed for the certificate, and not a member event meanwhile.
            for (var attempt = 0; attempt < 2; attempt++)
                await refusals.FishForMessageAsync<Error>(e => e.Message.ToString()!.Contains("Certificate chain validation failed"), Timeout,
                    $"refusal {attempt + 1} of the outsider's certificate, logged by the seed");

            await memberEvents.ExpectNoMsgAsync(TimeSpan.Zero);
            var outsiderAddress = Akka.Cluster.Cluster.Get(outsider).SelfAddress;
            Assert.All(Nodes, n => Assert.DoesNotContain(Akka.Cluster.Cluster.Get(n).State.Members, m => m.Address == outsiderAddress));
            Assert.NotEqual(MemberStatus.Up, Akka.Cluster.Cluster.Get(outsider).SelfMember.Status);
        }
        finally
        {
            await outsider.Terminate();
        }
    }
}
