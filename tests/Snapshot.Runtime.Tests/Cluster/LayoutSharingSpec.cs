using Akka.Actor;
using Snapshot.Runtime.Serialization;
using Snapshot.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests.Cluster;

/// <summary>
/// A group's layout (its members and channels) crosses to each other node once per membership change, before the
/// first snapshot that uses it; markers and initiates name it by id, so their size does not grow with the group, and
/// a participant tells each other node one marker for all its receivers there.
/// </summary>
public sealed class LayoutSharingSpec(ITestOutputHelper output) : ClusterTestKit(output)
{
    private const string Group = "shared";
    private const string ShareLayout = "SL";
    private const string Marker = "M";
    private const string NodeMarker = "NM";
    private const string PartBatchPiece = "PC";
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
        var (sharesBefore, markersBefore, nodeMarkersBefore) = (sent.Of(ShareLayout), sent.Of(Marker), sent.Of(NodeMarker));

        for (var i = 0; i < 3; i++)
            Assert.Equal(6, (await TakeAsync()).Processes.Count);

        Assert.Equal(2, sent.Of(ShareLayout).Messages - sharesBefore.Messages);
        // Each snapshot, each of the 2 participants of this node tells each of the 2 other nodes one marker for the
        // 2 participants there, and no participant elsewhere gets a marker of its own from here.
        var nodeMarkers = sent.Of(NodeMarker);
        Assert.Equal(3 * 2 * 2, nodeMarkers.Messages - nodeMarkersBefore.Messages);
        Assert.Equal(markersBefore, sent.Of(Marker));
        Assert.True((nodeMarkers.Bytes - nodeMarkersBefore.Bytes) / (nodeMarkers.Messages - nodeMarkersBefore.Messages) < 200,
            "a marker carries more than its snapshot's name");
        // The parts of each other node's 2 participants travelled to this node as one batch per snapshot.
        Assert.All(Nodes.Skip(1), node => Assert.Equal(3, ProtocolTraffic.Of(node).Of(PartBatchPiece).Messages));

        Nodes[1].ActorOf(Node.Props(Group), "late");
        await GlobalSnapshots.Get(Nodes[1]).WaitForLocalParticipantsAsync(3, Group);
        Assert.Equal(7, (await TakeAsync()).Processes.Count);
        Assert.Equal(7, (await TakeAsync()).Processes.Count);

        Assert.Equal(4, sent.Of(ShareLayout).Messages - sharesBefore.Messages);
    }

    private Task<GlobalSnapshot> TakeAsync() => GlobalSnapshots.Get(Sys).TakeAsync(Group, timeout: Timeout).WaitAsync(Timeout * 2);
}
