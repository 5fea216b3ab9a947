using Akka.Actor;
using Snapshot.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests;

/// <summary>
/// A snapshot is as big as what it holds: it lists the channels that held messages, and only counts the others.
/// Every participant here tells every participant, itself included: n participants, n² channels. With a marker per
/// channel and with stamped mailboxes alike.
/// </summary>
public abstract class SparseResultSpec(SnapshotProtocol protocol, ITestOutputHelper output) : SnapshotSpec(protocol, "", output)
{
    private const string Group = "sparse";

    public sealed class WithMarkers(ITestOutputHelper output) : SparseResultSpec(SnapshotProtocol.Markers, output);

    public sealed class Stamped(ITestOutputHelper output) : SparseResultSpec(SnapshotProtocol.Stamped, output);

    [Fact]
    public async Task A_snapshot_lists_exactly_the_channels_that_held_messages_with_their_messages_in_order_and_counts_every_channel()
    {
        using var gate = new Gate();
        var nodes = new List<IActorRef>();
        for (var i = 0; i < 6; i++)
            nodes.Add(await NodeAsync(Group, $"p{i}"));
        var (p0, p1, p2, p4) = (nodes[0], nodes[1], nodes[2], nodes[4]);
        await BlockAsync(p2, gate);

        var taking = Snapshots.TakeAsync(Group, initiator: p2);
        await AwaitMailboxAsync(p2, 1); // [Initiate]: p2 records before the credits below, the others after sending them
        p0.Tell(new PayTo(p2, 10, "p0 first"));
        p4.Tell(new PayTo(p2, 5, "p4"));
        p0.Tell(new PayTo(p2, 20, "p0 second"));
        await AwaitMailboxAsync(p2, 4);
        gate.Open();
        var snapshot = await taking;

        Assert.Equal(
            [("p0", 70L), ("p1", 100L), ("p2", 100L), ("p3", 100L), ("p4", 95L), ("p5", 100L)],
            snapshot.Processes.Select(p => (p.Participant.Path.Name, (long)p.State!)));
        Assert.Equal([(p0, p2), (p4, p2)], snapshot.Channels.Select(c => (c.From, c.To)));
        Assert.Equal([new Credit(10, "p0 first"), new Credit(20, "p0 second")], snapshot.Channels[0].Messages);
        Assert.Equal([new Credit(5, "p4")], snapshot.Channels[1].Messages);
        // A marker per channel, or none when the mailboxes stamp.
        Assert.Equal((36L, ByProtocol(markers: 36L, stamped: 0L), 3), (snapshot.ChannelCount, snapshot.Markers, snapshot.RecordedMessages));
        Assert.Equal([new Credit(10, "p0 first"), new Credit(20, "p0 second")], snapshot.MessagesOn(p0, p2));
        Assert.Equal([new Credit(5, "p4")], snapshot.MessagesOn(p4, p2));
        Assert.Empty(snapshot.MessagesOn(p2, p0));
        Assert.Empty(snapshot.MessagesOn(p1, p2));
        Assert.Empty(snapshot.MessagesOn(p2, p2));
    }

    [Fact]
    public async Task A_snapshot_of_300_idle_participants_holds_no_channel_and_counts_all_90000()
    {
        var nodes = Enumerable.Range(0, 300).Select(i => Sys.ActorOf(NodeProps(Group), $"idle-{i}")).ToArray();
        await Snapshots.WaitForLocalParticipantsAsync(nodes.Length, Group);
        AssertRunsProtocol(nodes[0]);

        var snapshot = await Snapshots.TakeAsync(Group);

        Assert.Equal(nodes.Order(), snapshot.Processes.Select(p => p.Participant).Order());
        Assert.All(snapshot.Processes, p => Assert.Equal(100L, p.State));
        Assert.Empty(snapshot.Channels);
        Assert.Equal((90_000L, ByProtocol(markers: 90_000L, stamped: 0L), 0), (snapshot.ChannelCount, snapshot.Markers, snapshot.RecordedMessages));
    }
}
