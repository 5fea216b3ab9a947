using Akka.Actor;
using Akka.TestKit.Xunit2;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests.Support;

/// <summary>What the specs share: starting participants in a known order, holding an actor still, and reading snapshots.</summary>
public abstract class SnapshotSpec(string config, ITestOutputHelper output) : TestKit(config, output)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(5);

    protected GlobalSnapshots Snapshots => GlobalSnapshots.Get(Sys);

    /// <summary>
    /// Starts an actor and waits until it is registered in <paramref name="group"/>, so that participants started
    /// one after another appear in that order in <see cref="GlobalSnapshot.Processes"/>.
    /// </summary>
    protected async Task<IActorRef> JoinAsync(string group, Props props, string name)
    {
        var actor = Sys.ActorOf(props, name);
        await AwaitAssertAsync(async () => Assert.Contains(actor, await Snapshots.ParticipantsAsync(group)), interval: Poll);
        return actor;
    }

    protected Task<IActorRef> NodeAsync(string group, string name, long balance = 100) => JoinAsync(group, Node.Props(group, balance), name);

    /// <summary>Blocks <paramref name="actor"/> inside a handler on <paramref name="gate"/>; returns once it is inside.</summary>
    protected async Task BlockAsync(IActorRef actor, Gate gate, bool stopAfterwards = false)
    {
        actor.Tell(new Block(gate, TestActor, stopAfterwards));
        var blocked = await ExpectMsgAsync<Blocked>();
        Assert.Equal(actor, blocked.Actor);
    }

    /// <summary>Waits until the mailbox of <paramref name="actor"/> (blocked, so it does not shrink) holds <paramref name="messages"/> messages.</summary>
    protected Task AwaitMailboxAsync(IActorRef actor, int messages) =>
        AwaitAssertAsync(() => Assert.Equal(messages, MailboxSize(actor)), interval: Poll);

    protected static int MailboxSize(IActorRef actor) => ((ActorRefWithCell)actor).Underlying.NumberOfMessages;

    protected async Task<bool> IsRecordingAsync(IActorRef node) => (await node.Ask<Recording>(new GetRecording(), RemainingOrDefault)).IsRecording;

    protected static IReadOnlyList<object> Channel(GlobalSnapshot snapshot, IActorRef from, IActorRef to) =>
        snapshot.Channels.Single(c => c.From.Equals(from) && c.To.Equals(to)).Messages;

    protected static object? StateOf(GlobalSnapshot snapshot, IActorRef participant) =>
        snapshot.Processes.Single(p => p.Participant.Equals(participant)).State;

    /// <summary>The money a snapshot of <see cref="Node"/>s holds: balances, stashed credits and credits in flight.</summary>
    protected static long Money(GlobalSnapshot snapshot) =>
        snapshot.Processes.Sum(p => (long)p.State! + p.Stashed.OfType<Credit>().Sum(c => c.Amount))
        + snapshot.Channels.Sum(c => c.Messages.OfType<Credit>().Sum(m => m.Amount));

    /// <summary>Asserts that the snapshot covers exactly <paramref name="participants"/> (in that order) with a channel between every two of them.</summary>
    protected static void AssertCovers(GlobalSnapshot snapshot, params IActorRef[] participants)
    {
        Assert.Equal(participants, snapshot.Processes.Select(p => p.Participant));
        var expected = participants.SelectMany(to => participants.Select(from => (from, to))).ToHashSet();
        Assert.Equal(expected.Count, snapshot.Channels.Count);
        Assert.True(expected.SetEquals(snapshot.Channels.Select(c => (c.From, c.To))), snapshot.Describe());
    }

    /// <summary>Asserts that every channel is empty except the ones given, which hold exactly the messages given.</summary>
    protected static void AssertInFlight(GlobalSnapshot snapshot, params (IActorRef From, IActorRef To, object[] Messages)[] expected)
    {
        foreach (var channel in snapshot.Channels)
        {
            var messages = expected.Where(e => e.From.Equals(channel.From) && e.To.Equals(channel.To)).Select(e => e.Messages).SingleOrDefault() ?? [];
            Assert.True(messages.SequenceEqual(channel.Messages),
                $"channel {channel.From.Path.Name} → {channel.To.Path.Name} holds [{string.Join(", ", channel.Messages)}], expected [{string.Join(", ", messages)}]\n{snapshot.Describe()}");
        }
    }
}
