using Snapshot.Runtime.Serialization;
using Akka.Actor;
using Snapshot.Algorithm;
using Snapshot.Runtime.Internal;
using Snapshot.Runtime.Tests.Diagnostics;
using Snapshot.Runtime.Tests.Support;
using Xunit.Abstractions;
using static Snapshot.Runtime.Diagnostics.SnapshotTelemetry;

namespace Snapshot.Runtime.Tests.Cluster;

/// <summary>Metrics and traces of a snapshot spanning two nodes: the bytes of the part that travelled, and one trace over both nodes.</summary>
public sealed class TelemetryAcrossNodesSpec(ITestOutputHelper output) : ClusterTestKit(output)
{
    private const string Group = "telemetry-across";

    [Fact]
    public async Task The_part_from_another_node_counts_its_serialized_bytes_and_its_span_joins_the_coordinators_trace()
    {
        using var recorder = new TelemetryRecorder(Group);
        var here = Sys.ActorOf(Node.Props(Group), "here");
        var there = Nodes[1].ActorOf(Node.Props(Group), "there");
        await GlobalSnapshots.Get(Sys).WaitForLocalParticipantsAsync(1, Group);
        await GlobalSnapshots.Get(Nodes[1]).WaitForLocalParticipantsAsync(1, Group);

        var snapshot = await GlobalSnapshots.Get(Sys).TakeAsync(Group).WaitAsync(RemainingOrDefault);

        // Only the part of "there" travelled, serialized as its node writes it, in a batch of one; the one of "here"
        // was handed over as an object.
        var travelled = new LocalPart(new SnapshotId(snapshot.Id), there, 100L, [], []);
        var serializer = (SnapshotProtocolSerializer)Nodes[1].Serialization.FindSerializerForType(typeof(LocalPart));
        Assert.Equal(serializer.WritePartBatch([serializer.Write(travelled)]).Length, recorder.Sum(Instruments.PartBytes));

        var span = Assert.Single(recorder.Spans(Activities.Snapshot));
        var parts = recorder.Spans(Activities.Part);
        Assert.Equal(
            new[] { $"{AddressOf(here)}/user/here", $"{AddressOf(there)}/user/there" }.Order(),
            parts.Select(p => (string)p.GetTagItem(Tags.Participant)!).Order());
        Assert.All(parts, part =>
        {
            Assert.Equal(span.TraceId, part.TraceId);
            Assert.Equal(span.SpanId, part.ParentSpanId);
            Assert.Equal($"{AddressOf(here)}/system/global-snapshots", part.GetTagItem(Tags.Coordinator));
        });
        // Each node names both ends alike: every marker sent is received on the same channel, here → there included.
        Assert.Equal(Channels(parts, Events.MarkerSent), Channels(parts, Events.MarkerReceived));
        Assert.Equal(4, Channels(parts, Events.MarkerSent).Length);
    }

    private static (object?, object?)[] Channels(IEnumerable<System.Diagnostics.Activity> parts, string name) =>
        [.. parts.SelectMany(p => p.Events).Where(e => e.Name == name)
            .Select(e => e.Tags.ToDictionary())
            .Select(t => (t[Tags.ChannelFrom], t[Tags.ChannelTo]))
            .OrderBy(c => $"{c.Item1} {c.Item2}")];
}
