using Akka.Actor;
using Akka.Serialization;
using Akka.TestKit.Xunit2;
using Snapshot.Algorithm;
using Snapshot.Restore.Internal;
using Snapshot.Runtime.Internal;
using Snapshot.Runtime.Serialization;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests.Serialization;

/// <summary>Every protocol message crosses the wire and comes back equal, under a manifest that never changes.</summary>
public sealed class SnapshotProtocolSerializerSpec : TestKit
{
    /// <summary>The manifests on the wire: a node of the next version must still read these.</summary>
    private static readonly Dictionary<Type, string> StableManifests = new()
    {
        [typeof(Marker)] = "M",
        [typeof(NodeMarker)] = "NM",
        [typeof(Initiate)] = "I",
        [typeof(Abandon)] = "A",
        [typeof(Abandoned)] = "AD",
        [typeof(LocalPart)] = "LP",
        [typeof(PartFailed)] = "PF",
        [typeof(Register)] = "R",
        [typeof(Take)] = "T",
        [typeof(CancelTake)] = "CT",
        [typeof(GetParticipants)] = "GP",
        [typeof(WaitForParticipants)] = "WP",
        [typeof(CollectMembers)] = "CM",
        [typeof(CollectedMembers)] = "CD",
        [typeof(PartBatchChunk)] = "PC",
        [typeof(AssociationLost)] = "AL",
        [typeof(ParticipantGone)] = "PG",
        [typeof(ReplayMessage)] = "RM",
        [typeof(ReplayEnd)] = "RE",
        [typeof(ReplayDelivered)] = "RD",
        [typeof(ReplayRefused)] = "RR",
        [typeof(ShareLayout)] = "SL",
        [typeof(LayoutShared)] = "LS",
        [typeof(NodeInitiate)] = "NI",
        [typeof(InitiateFirst)] = "IF",
        [typeof(RecordNotices)] = "RB",
        [typeof(Flush)] = "FL",
        [typeof(MessagePiece)] = "MP",
        [typeof(ReadTableSizes)] = "TS",
    };

    private readonly ProtocolSamples _samples;

    public SnapshotProtocolSerializerSpec(ITestOutputHelper output) : base("", output)
    {
        _samples = new ProtocolSamples(Sys, GlobalSnapshots.Get(Sys).Coordinator);
    }

    [Fact]
    public void Every_protocol_message_is_bound_to_the_serializer_with_identifier_4180()
    {
        foreach (var message in _samples.All())
        {
            var serializer = Sys.Serialization.FindSerializerFor(message);
            Assert.IsType<SnapshotProtocolSerializer>(serializer);
            Assert.Equal(4180, serializer.Identifier);
        }
    }

    [Fact]
    public void Every_message_comes_back_equal_field_by_field()
    {
        foreach (var message in _samples.All())
            ProtocolAssert.Equal(message, RoundTrip(message));
    }

    [Fact]
    public void A_marker_names_its_layout_by_id_and_is_read_with_the_layout_its_node_holds()
    {
        var plan = _samples.PlanWithDeclaredChannels();
        var later = new SnapshotPlan(new SnapshotId(99), plan.Group, plan.Coordinator, plan.Layout, plan.MaxRecordedPerChannel, plan.DeadlineUtc, plan.Id);

        var first = ((Marker)RoundTrip(new Marker(plan))).Plan;
        var second = ((Initiate)RoundTrip(new Initiate(later))).Plan;

        Assert.Same(plan.Layout, first.Layout);
        Assert.Same(plan.Layout, second.Layout);
        Assert.Equal(new SnapshotId(99), second.Id);
    }

    [Fact]
    public void A_markers_bytes_do_not_grow_with_its_group()
    {
        var large = Enumerable.Range(0, 300).Select(i => Sys.ActorOf(Akka.TestKit.TestActors.BlackHoleActor.Props, $"member-{i}")).ToArray();
        SnapshotPlan PlanOf(IActorRef[] members) => new(new SnapshotId(5), "bank", GlobalSnapshots.Get(Sys).Coordinator,
            _samples.Held(new ChannelLayout(Guid.NewGuid(), members, new Dictionary<IActorRef, IReadOnlyCollection<IActorRef>>())), 10, ProtocolSamples.Deadline, new SnapshotId(5));

        var ofTwo = Serializer().ToBinary(new Marker(PlanOf(large[..2])));
        var ofThreeHundred = Serializer().ToBinary(new Marker(PlanOf(large)));

        Assert.Equal(ofTwo.Length, ofThreeHundred.Length);
        Assert.True(ofThreeHundred.Length < 200, $"a marker is {ofThreeHundred.Length} bytes");
    }

    [Fact]
    public void A_marker_naming_a_layout_its_node_does_not_hold_is_read_with_an_unknown_layout_of_that_id()
    {
        var layout = _samples.LayoutWithDeclaredChannels();
        var plan = new SnapshotPlan(new SnapshotId(3), "bank", GlobalSnapshots.Get(Sys).Coordinator, layout, 10, ProtocolSamples.Deadline, new SnapshotId(1));

        var read = ((Marker)RoundTrip(new Marker(plan))).Plan;

        Assert.False(read.Layout.IsKnown);
        Assert.Equal(layout.Id, read.Layout.Id);
        Assert.Empty(read.Members);
        Assert.Equal((plan.Id, plan.Coordinator, plan.DeadlineUtc), (read.Id, read.Coordinator, read.DeadlineUtc));
    }

    [Fact]
    public void A_shared_layout_replaces_the_coordinators_earlier_layouts_of_the_group_except_those_still_used()
    {
        var registry = LayoutRegistry.Get(Sys);
        var coordinator = GlobalSnapshots.Get(Sys).Coordinator;
        var (first, second, third) = (_samples.LayoutWithDeclaredChannels(), _samples.LayoutWithDeclaredChannels(), _samples.LayoutWithDeclaredChannels());

        var shared = (ShareLayout)RoundTrip(new ShareLayout("shared", first, []));
        registry.Add(coordinator, shared.Group, shared.Layout, shared.StillUsed);
        registry.Add(coordinator, "shared", second, [first.Id]);
        Assert.NotNull(registry.Find(first.Id));
        registry.Add(coordinator, "shared", third, [second.Id]);

        Assert.Null(registry.Find(first.Id));
        Assert.Same(second, registry.Find(second.Id));
        Assert.Same(third, registry.Find(third.Id));
    }

    [Fact]
    public void A_plan_comes_back_with_the_same_channels_with_and_without_declared_ones()
    {
        var undeclared = ((Marker)RoundTrip(new Marker(_samples.PlanWithoutDeclaredChannels()))).Plan;
        var declared = ((Marker)RoundTrip(new Marker(_samples.PlanWithDeclaredChannels()))).Plan;

        var (a, b, c, d) = (_samples.Members[0], _samples.Members[1], _samples.Members[2], _samples.Members[3]);
        Assert.All(undeclared.Members, member => Assert.Equal(_samples.Members, undeclared.OutgoingOf(member)));
        Assert.Equal([b, a], declared.OutgoingOf(a));
        Assert.Equal(_samples.Members, declared.OutgoingOf(b));
        Assert.Equal([c], declared.OutgoingOf(c));
        Assert.Equal([c, a, d], declared.OutgoingOf(d));
        Assert.Equal([a, b, d], declared.IncomingOf(a));
        Assert.Equal(3, declared.MaxRecordedPerChannel);
        Assert.Equal(ProtocolSamples.Deadline, declared.DeadlineUtc);
    }

    [Fact]
    public void Every_protocol_message_type_has_a_sample_and_its_stable_manifest()
    {
        var protocolTypes = typeof(ISnapshotProtocolMessage).Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(ISnapshotProtocolMessage).IsAssignableFrom(type));
        Assert.Equal(protocolTypes.OrderBy(t => t.Name), StableManifests.Keys.OrderBy(t => t.Name));

        var serializer = Serializer();
        var samples = _samples.All().ToArray();
        foreach (var (type, manifest) in StableManifests)
        {
            var sample = samples.FirstOrDefault(s => s.GetType() == type);
            Assert.True(sample is not null, $"no sample of {type.Name}");
            Assert.Equal(manifest, serializer.Manifest(sample));
            Assert.Equal(manifest, Akka.Serialization.Serialization.ManifestFor(serializer, sample));
        }
    }

    [Fact]
    public void An_unknown_manifest_is_a_serialization_error_that_names_it()
    {
        var bytes = Serializer().ToBinary(new GetParticipants("bank"));

        var direct = Assert.Throws<System.Runtime.Serialization.SerializationException>(() => Serializer().FromBinary(bytes, "ZZ"));
        Assert.Contains("[ZZ]", direct.Message);
        var throughAkka = Assert.Throws<System.Runtime.Serialization.SerializationException>(() => Sys.Serialization.Deserialize(bytes, 4180, "Snapshot.Runtime.Internal.GetParticipants, Snapshot"));
        Assert.Contains("Snapshot.Runtime.Internal.GetParticipants", throughAkka.Message);
    }

    [Fact]
    public void Only_protocol_messages_are_written()
    {
        Assert.Throws<ArgumentException>(() => Serializer().ToBinary("not a protocol message"));
        Assert.Throws<ArgumentException>(() => Serializer().Manifest(42L));
    }

    [Fact]
    public void A_payload_nobody_can_read_back_is_a_serialization_error()
    {
        var part = new LocalPart(new Algorithm.SnapshotId(1), TestActor, new Ledger("a", 1, []), [], []);
        var bytes = Serializer().ToBinary(part);
        // The JSON serializer writes the state's type name into its bytes; renamed, it names a type that does not exist.
        var renamed = System.Text.Encoding.UTF8.GetBytes(typeof(Ledger).FullName!.Replace("Ledger", "Ladger"));
        var original = System.Text.Encoding.UTF8.GetBytes(typeof(Ledger).FullName!);
        var at = bytes.AsSpan().IndexOf(original);
        Assert.True(at > 0, "the state's bytes name its type");
        renamed.CopyTo(bytes, at);

        var error = Assert.Throws<System.Runtime.Serialization.SerializationException>(() => Serializer().FromBinary(bytes, "LP"));
        Assert.Contains("Ladger", error.Message);
    }

    [Fact]
    public void A_protocol_message_inside_a_payload_is_a_serialization_error()
    {
        var nested = new LocalPart(new Algorithm.SnapshotId(1), TestActor, new LocalPart(new Algorithm.SnapshotId(2), TestActor, null, [], []), [], []);
        var bytes = Serializer().ToBinary(nested);

        var error = Assert.Throws<System.Runtime.Serialization.SerializationException>(() => Serializer().FromBinary(bytes, "LP"));
        Assert.Contains("a payload cannot be a snapshot protocol message", error.Message);
    }

    private SerializerWithStringManifest Serializer() => (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(new CancelTake(Guid.Empty));

    private object RoundTrip(object message)
    {
        var serializer = Sys.Serialization.FindSerializerFor(message);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        return Sys.Serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, manifest);
    }
}
