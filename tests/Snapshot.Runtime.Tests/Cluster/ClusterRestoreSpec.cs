using Akka.Actor;
using Akka.TestKit.TestActors;
using Snapshot.Restore;
using Snapshot.Runtime.Tests.Bank;
using Snapshot.Runtime.Tests.Restore;
using Snapshot.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests.Cluster;

/// <summary>A group restored across the nodes of a cluster: every replay crosses remoting, serialized, and arrives whole and in order.</summary>
public sealed class ClusterRestoreSpec(ITestOutputHelper output) : ClusterTestKit(output)
{
    private static readonly DateTimeOffset Taken = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_group_restored_on_three_nodes_gets_each_replay_over_remoting_in_order_from_the_new_senders()
    {
        var recorded = ActorSystem.Create("recorded");
        var (a, b, c) = (recorded.ActorOf(BlackHoleActor.Props, "a"), recorded.ActorOf(BlackHoleActor.Props, "b"), recorded.ActorOf(BlackHoleActor.Props, "c"));
        await recorded.Terminate();
        IActorRef[] all = [a, b, c];
        var inFlight = new Dictionary<(IActorRef, IActorRef), object[]>
        {
            [(b, a)] = [new Transfer(50), new Transfer(50)],
            [(c, a)] = [new Pay(b, 10)],
            [(a, b)] = [new Transfer(100)],
            [(c, c)] = [new Transfer(1)],
        };
        var snapshot = new GlobalSnapshot(3, Account.Group, null,
            [new ProcessState(a, 900L, [new Transfer(5)]), new ProcessState(b, 2000L, []), new ProcessState(c, 100L, [])],
            [.. all.SelectMany(to => all.Where(from => inFlight.ContainsKey((from, to))).Select(from => new ChannelState(from, to, inFlight[(from, to)])))],
            all.Length * all.Length,
            Taken, Taken);
        var local = new Dictionary<string, IActorRef>();

        // a on the first node, b on the second, c on the third; the restore runs on the first and reaches b and c by remoting.
        var restored = await GlobalSnapshots.Get(Sys).RestoreAsync(snapshot, p =>
        {
            var node = Nodes[Array.IndexOf(all, p.Recorded)];
            var actor = local[p.Name] = node.ActorOf(RestoredAccount.Props((long)p.State!, p.Ticket), p.Name);
            return SeenFrom(Sys, actor);
        }, rewrite: (message, participants) => message is Pay pay ? pay with { To = participants[pay.To] } : message);

        Assert.Equal(6, restored.ReplayedMessages);
        Assert.Equal(["local", NodeOf(SeenFrom(Sys, local["b"])), NodeOf(SeenFrom(Sys, local["c"]))], restored.Participants.Values.Select(NodeOf));
        Assert.Equal([new Handled("deadLetters", new Transfer(5)), new Handled("b", new Transfer(50)), new Handled("b", new Transfer(50))],
            await local["a"].Ask<Handled[]>(new GetLog(), RemainingOrDefault));
        // c's order made a pay b (to b's new actor, by the rewrite), after b's replay: that transfer follows it.
        await AwaitAssertAsync(async () => Assert.Equal([new Handled("a", new Transfer(100)), new Handled("a", new Transfer(10))],
            await local["b"].Ask<Handled[]>(new GetLog(), RemainingOrDefault)));
        Assert.Equal([new Handled("c", new Transfer(1))], await local["c"].Ask<Handled[]>(new GetLog(), RemainingOrDefault));

        var after = await GlobalSnapshots.Get(Nodes[1]).TakeAsync(Account.Group);
        Assert.Equal(Account.Money(snapshot), Account.Money(after));
        Assert.Equal([995L, 2110L, 101L], after.Processes.OrderBy(p => p.Participant.Path.Name).Select(p => p.State));
    }
}
