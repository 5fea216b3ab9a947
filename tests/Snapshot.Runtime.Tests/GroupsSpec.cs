using Akka.Actor;
using Snapshot.Runtime.Tests.Bank;
using Snapshot.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests;

/// <summary>
/// Groups side by side in one ActorSystem: a snapshot of one group covers its participants and the channels among them,
/// nothing else; with a marker per channel and with stamped mailboxes (the groups of a node share its clock) alike.
/// </summary>
public abstract class GroupsSpec(SnapshotProtocol protocol, ITestOutputHelper output) : SnapshotSpec(protocol, "", output)
{
    public sealed class WithMarkers(ITestOutputHelper output) : GroupsSpec(SnapshotProtocol.Markers, output);

    public sealed class Stamped(ITestOutputHelper output) : GroupsSpec(SnapshotProtocol.Stamped, output);

    [Fact]
    public async Task A_snapshot_of_one_group_holds_its_participants_and_channels_only_and_does_not_record_the_other_groups_messages()
    {
        using var gate = new Gate();
        var a1 = await NodeAsync("a", "a1");
        var a2 = await NodeAsync("a", "a2");
        var b1 = await NodeAsync("b", "b1");
        var b2 = await NodeAsync("b", "b2");
        await BlockAsync(a2, gate);

        var snapshot = Snapshots.TakeAsync("a", initiator: a2);
        await AwaitMailboxAsync(a2, 1); // [Initiate]
        b1.Tell(new PayTo(a2, 7, "b1"));
        await AwaitMailboxAsync(a2, 2);
        a1.Tell(new PayTo(a2, 5, "a1"));
        await AwaitMailboxAsync(a2, 3);
        b2.Tell(new PayTo(a1, 3, "b2")); // a1 has not recorded yet, or has: either way b2 is not on a channel of "a"
        a2.Tell(new PayTo(b2, 2, "a2")); // queued behind a2's recording: a2 records 100, and b2 is no channel of "a"
        await AwaitMailboxAsync(a2, 4);
        gate.Open();

        var result = await snapshot;
        Assert.Equal("a", result.Group);
        AssertCovers(result, a1, a2);
        Assert.Equal(100L, StateOf(result, a2));
        AssertInFlight(result, (a1, a2, [new Credit(5, "a1")]));
        Assert.All(result.Channels, c => Assert.DoesNotContain(c.Messages, m => m is Credit { Note: "b1" or "b2" }));

        var other = await Snapshots.TakeAsync("b");
        Assert.Equal("b", other.Group);
        AssertCovers(other, b1, b2);
        Assert.Equal(93L, StateOf(other, b1));
    }

    [Fact]
    public async Task Concurrent_snapshots_of_two_groups_under_cross_group_traffic_each_cover_their_own_group()
    {
        var a = new[] { await NodeAsync("a", "a1", 1000), await NodeAsync("a", "a2", 1000), await NodeAsync("a", "a3", 1000) };
        var b = new[] { await NodeAsync("b", "b1", 1000), await NodeAsync("b", "b2", 1000), await NodeAsync("b", "b3", 1000) };
        foreach (var seed in Enumerable.Range(0, 2))
            Sys.ActorOf(Props.Create(() => new Driver(a.Concat(b).ToArray(), seed)), $"driver-{seed}");

        for (var round = 0; round < 10; round++)
        {
            var snapshots = await Task.WhenAll(Snapshots.TakeAsync("a"), Snapshots.TakeAsync("b", initiator: b[round % 3]));
            AssertCovers(snapshots[0], a);
            AssertCovers(snapshots[1], b);
            // Credits are signed by their payer: a channel holds only credits its own sender paid.
            foreach (var channel in snapshots.SelectMany(s => s.Channels))
                Assert.All(channel.Messages, m => Assert.Equal(channel.From.Path.Name, Assert.IsType<Credit>(m).Note));
        }
    }
}
