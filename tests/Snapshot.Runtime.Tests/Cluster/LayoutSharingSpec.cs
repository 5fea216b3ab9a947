using Akka.Actor;
using Snapshot.Runtime.Serialization;
using Snapshot.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests.Cluster;

/// <summary>
/// A group's layout (its members and channels) crosses to each other node once per membership change, before the
/// first snapshot that uses it; markers and initiates name it by id, so their size does not grow with the group.
/// </summary>
public sealed class LayoutSharingSpec(ITestOutputHelper output) : ClusterTestKit(output)
{
    private const string Group = "shared";
    private const string ShareLayout = "SL";
    private const string Marker = "M";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Each_node_gets_the_layout_once_before_the_first_snapshot_and_again_only_when_the_members_change()
    {
        foreach (var (node, i) in Nodes.Select((node, i) => (node, i)))
        {
            node.ActorOf(Node.Props(Group), $"first-{i}");
            node.ActorOf(Node.Props(Group), $"second-{i}");
            await GlobalSnapshots.Get(node).WaitForLocalParticipantsAsync(2, Group);
        }
        var sent = ProtocolTraffic.Of(Sys);
        var (sharesBefore, markersBefore) = (sent.Of(ShareLayout), sent.Of(Marker));

        for (var i = 0; i < 3; i++)
            Assert.Equal(6, (await TakeAsync()).Processes.Count);

        Assert.Equal(2, sent.Of(ShareLayout).Messages - sharesBefore.Messages);
        // Each snapshot, the 2 participants of this node tell the 4 on the other nodes a marker each.
        var markers = sent.Of(Marker);
        Assert.Equal(3 * 2 * 4, markers.Messages - markersBefore.Messages);
        Assert.True((markers.Bytes - markersBefore.Bytes) / (markers.Messages - markersBefore.Messages) < 200, "a marker carries more than its snapshot's name");

        Nodes[1].ActorOf(Node.Props(Group), "late");
        await GlobalSnapshots.Get(Nodes[1]).WaitForLocalParticipantsAsync(3, Group);
        Assert.Equal(7, (await TakeAsync()).Processes.Count);
        Assert.Equal(7, (await TakeAsync()).Processes.Count);

        Assert.Equal(4, sent.Of(ShareLayout).Messages - sharesBefore.Messages);
    }

    private Task<GlobalSnapshot> TakeAsync() => GlobalSnapshots.Get(Sys).TakeAsync(Group, timeout: Timeout).WaitAsync(Timeout * 2);
}
