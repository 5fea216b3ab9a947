using Snapshot.Algorithm;

namespace Snapshot.Tests.Algorithm;

public sealed class CutAssemblyTests
{
    private static readonly SnapshotId Id = new(7);

    private static LocalSnapshot<string, string> Part(string process, string[] incoming, params (string From, string Message)[] recorded) =>
        new(Id, process, incoming, [.. recorded.Select(r => new RecordedMessage<string, string>(r.From, process, r.Message))]);

    [Fact]
    public void Builds_the_cut_once_every_participant_reported_with_the_channels_that_held_messages_per_receiver_in_arrival_order()
    {
        var assembly = new CutAssembly<string, int, string>(Id, ["a", "b"]);

        Assert.False(assembly.Add(20, Part("b", ["a", "b"], ("a", "a1"), ("b", "b-self"), ("a", "a2"))));
        Assert.Equal(["a"], assembly.Missing);
        Assert.True(assembly.Add(10, Part("a", ["b"])));
        var cut = assembly.Build();

        Assert.Equal(Id, cut.Id);
        Assert.Equal([("a", 10), ("b", 20)], cut.Processes.Select(p => (p.Process, p.State)));
        Assert.Equal(["a→b: a1,a2", "b→b: b-self"], cut.Channels.Select(c => $"{c.From}→{c.To}: {string.Join(",", c.Messages)}"));
        Assert.Equal(3, cut.ChannelCount);
    }

    [Fact]
    public void Channels_are_made_by_the_factory_given_in_the_same_order_as_the_cut()
    {
        var assembly = new CutAssembly<string, int, string>(Id, new PeerIndex<string>(["a", "b"]));
        assembly.Add(10, Part("a", ["b"]));
        assembly.Add(20, Part("b", ["a", "b"], ("b", "b1"), ("a", "a1"), ("b", "b2")));

        var channels = assembly.Channels((from, to, messages) => $"{from}→{to}: {string.Join(",", messages)}");

        Assert.Equal(["a→b: a1", "b→b: b1,b2"], channels);
        Assert.Equal([10, 20], assembly.Processes().Select(p => p.State));
    }

    [Fact]
    public void Only_channels_that_held_messages_are_made_grouped_by_receiver_and_sender_in_participant_order_and_every_channel_is_counted()
    {
        // Five processes, every one sending to every one (25 channels); messages recorded on three channels of two
        // receivers, arriving interleaved and the later sender first.
        string[] all = ["p", "q", "r", "s", "t"];
        var assembly = new CutAssembly<string, int, string>(Id, all);
        foreach (var process in all.Except(["q", "s"]))
            assembly.Add(0, Part(process, all));
        assembly.Add(0, Part("q", all, ("t", "t1"), ("r", "r1"), ("t", "t2"), ("r", "r2"), ("r", "r3")));
        var made = new List<(string, string)>();

        Assert.True(assembly.Add(0, Part("s", all, ("s", "self"))));
        var channels = assembly.Channels((from, to, messages) =>
        {
            made.Add((from, to));
            return $"{from}→{to}: {string.Join(",", messages)}";
        });

        Assert.Equal(["r→q: r1,r2,r3", "t→q: t1,t2", "s→s: self"], channels);
        Assert.Equal([("r", "q"), ("t", "q"), ("s", "s")], made);
        Assert.Equal(25, assembly.ChannelCount);
        Assert.Equal(25, assembly.Build().ChannelCount);
    }

    [Fact]
    public void A_large_idle_group_makes_no_channel_and_counts_every_one()
    {
        var all = Enumerable.Range(0, 300).Select(i => $"p{i}").ToArray();
        var assembly = new CutAssembly<string, int, string>(Id, all);
        foreach (var process in all)
            assembly.Add(0, Part(process, all));
        var made = 0;

        var channels = assembly.Channels((from, to, messages) => made++);

        Assert.Empty(channels);
        Assert.Equal(0, made);
        Assert.Equal(90_000, assembly.ChannelCount);
        var cut = assembly.Build();
        Assert.Empty(cut.Channels);
        Assert.Equal(90_000, cut.ChannelCount);
    }

    [Fact]
    public void An_incomplete_cut_cannot_be_read()
    {
        var assembly = new CutAssembly<string, int, string>(Id, ["a", "b"]);
        assembly.Add(10, Part("a", []));

        Assert.Contains("b", Assert.Throws<InvalidOperationException>(() => assembly.Processes()).Message);
        Assert.Throws<InvalidOperationException>(() => assembly.Channels((from, to, _) => (from, to)));
        Assert.Throws<InvalidOperationException>(() => assembly.ChannelCount);
    }

    [Fact]
    public void Refuses_a_part_that_recorded_a_message_on_a_channel_it_does_not_have_whether_it_declared_its_channels_or_has_the_whole_group()
    {
        var group = new PeerIndex<string>(["a", "b", "c"]);
        var assembly = new CutAssembly<string, int, string>(Id, group);

        var declared = Assert.Throws<SnapshotProtocolException>(() => assembly.Add(1, Part("a", ["b"], ("c", "m1"))));
        var wholeGroup = Assert.Throws<SnapshotProtocolException>(() =>
            assembly.Add(1, new LocalSnapshot<string, string>(Id, "b", group.Peers, [new RecordedMessage<string, string>("z", "b", "m2")])));
        assembly.Add(1, new LocalSnapshot<string, string>(Id, "c", group.Peers, [new RecordedMessage<string, string>("a", "c", "m3")]));

        Assert.Equal("a recorded a message from c, which is not one of its incoming channels", declared.Message);
        Assert.Equal("b recorded a message from z, which is not one of its incoming channels", wholeGroup.Message);
        Assert.Equal(["a", "b"], assembly.Missing);
    }

    [Fact]
    public void Refuses_parts_that_do_not_belong()
    {
        var assembly = new CutAssembly<string, int, string>(Id, ["a", "b"]);
        assembly.Add(1, Part("a", []));

        Assert.Equal(ProtocolViolation.UnexpectedPart, Assert.Throws<SnapshotProtocolException>(() => assembly.Add(1, Part("a", []))).Violation);
        Assert.Equal(ProtocolViolation.UnexpectedPart, Assert.Throws<SnapshotProtocolException>(() => assembly.Add(1, Part("z", []))).Violation);
        Assert.Equal(ProtocolViolation.UnexpectedPart, Assert.Throws<SnapshotProtocolException>(() => assembly.Add(1, Part("b", []) with { Id = new SnapshotId(8) })).Violation);
        Assert.Equal(["b"], assembly.Missing);
    }

    [Fact]
    public void Each_refused_part_is_named_with_its_process_and_snapshot()
    {
        var assembly = new CutAssembly<string, int, string>(Id, ["alice", "bob"]);
        assembly.Add(1, Part("alice", []));

        var twice = Assert.Throws<SnapshotProtocolException>(() => assembly.Add(1, Part("alice", [])));
        var stranger = Assert.Throws<SnapshotProtocolException>(() => assembly.Add(1, Part("mallory", [])));
        var otherSnapshot = Assert.Throws<SnapshotProtocolException>(() => assembly.Add(1, Part("bob", []) with { Id = new SnapshotId(1234) }));

        Assert.All([twice, stranger, otherSnapshot], error => Assert.Equal(Id, error.Snapshot));
        Assert.Contains("alice", twice.Message);
        Assert.Contains("mallory", stranger.Message);
        Assert.Contains("1234", otherSnapshot.Message);
        Assert.All([twice, stranger, otherSnapshot], error => Assert.Contains($"snapshot {Id}", error.Message));
    }

    [Fact]
    public void Refuses_a_part_that_recorded_a_message_on_a_channel_it_does_not_have()
    {
        var assembly = new CutAssembly<string, int, string>(Id, ["a", "b"]);

        var error = Assert.Throws<SnapshotProtocolException>(() => assembly.Add(1, Part("b", ["a"], ("z", "from nowhere"))));

        Assert.Equal(ProtocolViolation.UnexpectedPart, error.Violation);
        Assert.Contains("z", error.Message);
        Assert.Equal(["a", "b"], assembly.Missing);
    }

    [Fact]
    public void Building_before_every_part_arrived_names_the_missing_participants()
    {
        var assembly = new CutAssembly<string, int, string>(Id, ["a", "b", "c"]);
        assembly.Add(1, Part("b", []));

        var error = Assert.Throws<InvalidOperationException>(assembly.Build);

        Assert.Contains("a, c", error.Message);
    }
}
