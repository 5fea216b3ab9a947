using Akka.Actor;
using Snapshot.Runtime.Participants;
using Snapshot.Runtime.Serialization;
using Snapshot.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests.Cluster;

/// <summary>
/// A participant's part travels to a coordinator on another node serialized, in pieces of half the remote
/// frame: here the frame is as small as Akka allows, and the parts several times larger.
/// </summary>
public sealed class LargePartSpec(ITestOutputHelper output) : ClusterTestKit(output, $"akka.remote.dot-netty.tcp.maximum-frame-size = {FrameSize}b")
{
    /// <summary>The smallest frame Akka's DotNetty transport accepts.</summary>
    private const int FrameSize = 32000;

    private const string Group = "large";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_state_several_frames_large_on_another_node_arrives_byte_identical()
    {
        Assert.Equal(FrameSize, Sys.Settings.Config.GetByteSize("akka.remote.dot-netty.tcp.maximum-frame-size"));
        var contents = new byte[200_000];
        new Random(42).NextBytes(contents);
        var text = string.Concat(Enumerable.Range(0, 40_000).Select(i => (char)('a' + i % 26)));
        var bytes = Nodes[1].ActorOf(Props.Create(() => new Keeper(Group, contents)), "bytes");
        var record = Nodes[2].ActorOf(Props.Create(() => new Keeper(Group, new Hoard("text", text, contents))), "record");
        await GlobalSnapshots.Get(Nodes[1]).WaitForLocalParticipantsAsync(1, Group);
        await GlobalSnapshots.Get(Nodes[2]).WaitForLocalParticipantsAsync(1, Group);

        var snapshot = await GlobalSnapshots.Get(Sys).TakeAsync(Group, timeout: Timeout).WaitAsync(Timeout * 2);

        Assert.Equal(2, snapshot.Processes.Count);
        Assert.All(snapshot.Processes, p => Assert.True(p.Participant.Path.Address.HasGlobalScope, $"{p.Participant} is not on another node"));
        var arrived = Assert.IsType<byte[]>(StateOf(snapshot, "bytes"));
        Assert.True(contents.AsSpan().SequenceEqual(arrived), "the byte array arrived changed");
        var hoard = Assert.IsType<Hoard>(StateOf(snapshot, "record"));
        Assert.Equal("text", hoard.Name);
        Assert.Equal(text, hoard.Text);
        Assert.True(contents.AsSpan().SequenceEqual(hoard.Contents), "the record's byte array arrived changed");
    }

    [Fact]
    public async Task A_group_whose_member_lists_and_layout_span_several_frames_is_snapshotted_across_nodes()
    {
        // 600 participants on each of two nodes: each node's list of them, and the layout of all 1,200, is several
        // pieces of half a frame, which the coordinators send and put back together.
        const int PerNode = 600;
        foreach (var node in Nodes.Skip(1))
        {
            for (var i = 0; i < PerNode; i++)
                node.ActorOf(Props.Create(() => new Keeper(Group, 0L)), $"keeper-{i}");
            await GlobalSnapshots.Get(node).WaitForLocalParticipantsAsync(PerNode, Group);
        }

        var snapshot = await GlobalSnapshots.Get(Sys).TakeAsync(Group, timeout: Timeout).WaitAsync(Timeout * 2);

        Assert.Equal(2 * PerNode, snapshot.Processes.Count);
        Assert.Equal(2, snapshot.Processes.Select(p => p.Participant.Path.Address).Distinct().Count());
        Assert.True(ProtocolTraffic.Of(Sys).Of("MP").Messages > 0, "the layout went whole, so the pieces were never tested");
    }

    [Fact]
    public async Task Messages_recorded_in_flight_several_frames_large_on_another_node_arrive_whole_and_in_order()
    {
        // The payer (third node) is held while payments to the payee (second node) queue in its mailbox; the payee
        // records first (it initiates), so every credit the payer sends once released is in flight on payer → payee,
        // and the payee's part carries them all to the coordinator on the first node.
        const int Payments = 24;
        var payer = Nodes[2].ActorOf(Node.Props(Group), "payer");
        var payee = Nodes[1].ActorOf(Node.Props(Group), "payee");
        await GlobalSnapshots.Get(Nodes[2]).WaitForLocalParticipantsAsync(1, Group);
        await GlobalSnapshots.Get(Nodes[1]).WaitForLocalParticipantsAsync(1, Group);
        using var gate = new Gate();
        payer.Tell(new Block(gate, TestActor));
        await ExpectMsgAsync<Blocked>();
        var notes = Enumerable.Range(0, Payments).Select(i => $"{i:D3}:" + new string((char)('A' + i % 26), 10_000)).ToArray();
        var payeeFromPayer = SeenFrom(Nodes[2], payee);
        foreach (var note in notes)
            payer.Tell(new PayTo(payeeFromPayer, 1, note));

        var taking = GlobalSnapshots.Get(Sys).TakeAsync(Group, initiator: SeenFrom(Sys, payee), timeout: Timeout);
        // The payee's marker queues behind the payments once the payee has recorded.
        await AwaitAssertAsync(() => Assert.Equal(Payments + 1, ((ActorRefWithCell)payer).Underlying.NumberOfMessages), Timeout);
        gate.Open();
        var snapshot = await taking.WaitAsync(Timeout * 2);

        var channel = Assert.Single(snapshot.Channels);
        Assert.Equal(("payer", "payee"), (channel.From.Path.Name, channel.To.Path.Name));
        Assert.True(channel.Messages.Count * notes[0].Length > 5 * FrameSize, "the recorded messages are not several frames large");
        Assert.Equal(notes.Select(n => new Credit(1, n)), channel.Messages);
        Assert.Equal(100 - Payments, (long)StateOf(snapshot, "payer")!);
        Assert.Equal(100, (long)StateOf(snapshot, "payee")!);
    }

    [Fact]
    public async Task A_state_the_serializer_cannot_write_fails_the_snapshot_as_not_serializable()
    {
        Func<int> unwritable = () => 42;
        Nodes[1].ActorOf(Props.Create(() => new Keeper(Group, unwritable)), "unwritable");
        await GlobalSnapshots.Get(Nodes[1]).WaitForLocalParticipantsAsync(1, Group);

        var failure = await Assert.ThrowsAsync<SnapshotFailedException>(() => GlobalSnapshots.Get(Sys).TakeAsync(Group, timeout: Timeout).WaitAsync(Timeout * 2));

        Assert.Equal(SnapshotFailureReason.PartNotSerializable, failure.Reason);
        Assert.Contains("unwritable", failure.Message);
        Assert.Contains("cannot be serialized", failure.Message);
    }

    [Fact]
    public async Task A_state_the_coordinator_cannot_read_back_fails_the_snapshot_as_not_serializable()
    {
        Nodes[2].ActorOf(Props.Create(() => new Keeper(Group, new Unreadable("written, never read"))), "unreadable");
        await GlobalSnapshots.Get(Nodes[2]).WaitForLocalParticipantsAsync(1, Group);

        var failure = await Assert.ThrowsAsync<SnapshotFailedException>(() => GlobalSnapshots.Get(Sys).TakeAsync(Group, timeout: Timeout).WaitAsync(Timeout * 2));

        Assert.Equal(SnapshotFailureReason.PartNotSerializable, failure.Reason);
        Assert.Contains("unreadable", failure.Message);
        Assert.Contains("could not be read", failure.Message);
    }

    [Fact]
    public async Task An_unserializable_state_does_not_fail_a_snapshot_coordinated_on_its_own_node()
    {
        Func<int> unwritable = () => 42;
        Nodes[1].ActorOf(Props.Create(() => new Keeper(Group, unwritable)), "unwritable");
        await GlobalSnapshots.Get(Nodes[1]).WaitForLocalParticipantsAsync(1, Group);

        var snapshot = await GlobalSnapshots.Get(Nodes[1]).TakeAsync(Group, timeout: Timeout).WaitAsync(Timeout * 2);

        Assert.Same(unwritable, Assert.Single(snapshot.Processes).State);
    }

    private static object? StateOf(GlobalSnapshot snapshot, string name) => snapshot.Processes.Single(p => p.Participant.Path.Name == name).State;

    /// <summary>A participant whose state is whatever it was given.</summary>
    private sealed class Keeper(string group, object state) : SnapshotReceiveActor(group)
    {
        protected override object CaptureState() => state;
    }
}

/// <summary>A state that Akka's default JSON serializer writes and reads back.</summary>
public sealed record Hoard(string Name, string Text, byte[] Contents);

/// <summary>
/// A state that Akka's default JSON serializer writes but cannot read back: it writes the property, and on
/// reading passes the constructor nothing for <c>secret</c>, which the constructor refuses.
/// </summary>
public sealed class Unreadable
{
    public Unreadable(string secret) => Kept = secret ?? throw new ArgumentNullException(nameof(secret));

    public string Kept { get; }
}
