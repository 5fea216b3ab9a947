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

    protected static object? StateOf(GlobalSnapshot snapshot, IActorRef participant) =>
        snapshot.Processes.Single(p => p.Participant.Equals(participant)).State;

    /// <summary>The money a snapshot of <see cref="Node"/>s holds: balances, stashed credits and credits in flight.</summary>
    protected static long Money(GlobalSnapshot snapshot) =>
        snapshot.Processes.Sum(p => (long)p.State! + p.Stashed.OfType<Credit>().Sum(c => c.Amount))
        + snapshot.Channels.Sum(c => c.Messages.OfType<Credit>().Sum(m => m.Amount));

    /// <summary>
    /// Asserts that the snapshot covers exactly <paramref name="participants"/> (in that order) with a channel between
    /// every two of them: as many channels as that, and every one that held messages between two of them.
    /// </summary>
    protected static void AssertCovers(GlobalSnapshot snapshot, params IActorRef[] participants)
    {
        Assert.Equal(participants, snapshot.Processes.Select(p => p.Participant));
        Assert.Equal(participants.Length * participants.Length, snapshot.ChannelCount);
        Assert.All(snapshot.Channels, c => Assert.True(participants.Contains(c.From) && participants.Contains(c.To), snapshot.Describe()));
    }

    /// <summary>Asserts that the channels given are exactly those that held messages, each holding exactly the messages given, in order.</summary>
    protected static void AssertInFlight(GlobalSnapshot snapshot, params (IActorRef From, IActorRef To, object[] Messages)[] expected)
    {
        static string Describe(IActorRef from, IActorRef to, IEnumerable<object> messages) =>
            $"{from.Path.Name} → {to.Path.Name}: [{string.Join(", ", messages)}]";

        Assert.True(
            expected.Select(e => (e.From, e.To)).ToHashSet().SetEquals(snapshot.Channels.Select(c => (c.From, c.To)))
            && expected.All(e => e.Messages.SequenceEqual(snapshot.MessagesOn(e.From, e.To))),
            $"expected in flight {string.Join("; ", expected.Select(e => Describe(e.From, e.To, e.Messages)))}\n{snapshot.Describe()}");
    }
}
