using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit.Xunit2;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests.Support;

/// <summary>
/// What the specs share: starting participants in a known order, holding an actor still, and reading snapshots; under
/// one <see cref="SnapshotProtocol"/>, which every participant joined through <see cref="JoinAsync"/> is checked to run.
/// </summary>
public abstract class SnapshotSpec : TestKit
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(5);

    /// <summary>A spec with a marker per channel.</summary>
    protected SnapshotSpec(string config, ITestOutputHelper output) : this(SnapshotProtocol.Markers, config, output)
    {
    }

    protected SnapshotSpec(SnapshotProtocol protocol, string config, ITestOutputHelper output) : base(SystemConfig(protocol, config), output: output) =>
        Protocol = protocol;

    protected SnapshotProtocol Protocol { get; }

    protected GlobalSnapshots Snapshots => GlobalSnapshots.Get(Sys);

    /// <summary>
    /// The configuration an ActorSystem of <paramref name="protocol"/> starts with: <paramref name="config"/>, and under
    /// <see cref="SnapshotProtocol.Stamped"/> the library's as fallback, as <c>WithGlobalSnapshots</c> gives it.
    /// </summary>
    protected static Config SystemConfig(SnapshotProtocol protocol, Config config) =>
        protocol == SnapshotProtocol.Stamped ? config.WithFallback(GlobalSnapshotsSettings.DefaultConfig()) : config;

    /// <summary>The configuration for another ActorSystem a test starts beside <see cref="TestKit.Sys"/>, under this spec's protocol.</summary>
    protected Config SystemConfig(Config config) => SystemConfig(Protocol, config);

    private static Config SystemConfig(SnapshotProtocol protocol, string config) => SystemConfig(protocol, ConfigurationFactory.ParseString(config));

    /// <summary>What a step of a test waits for where the two protocols differ: a mailbox holds markers only with markers.</summary>
    protected T ByProtocol<T>(T markers, T stamped) => Protocol == SnapshotProtocol.Markers ? markers : stamped;

    /// <summary>
    /// A <see cref="Node"/> of <paramref name="group"/>. Node takes part through the <c>SnapshotParticipant</c> helper and
    /// asks for no mailbox, so under <see cref="SnapshotProtocol.Stamped"/> it is given the stamped one, as the README says
    /// such an actor must be.
    /// </summary>
    protected Props NodeProps(string group, long balance = 100) =>
        Protocol == SnapshotProtocol.Stamped ? Node.Props(group, balance).WithMailbox(StampedMailbox.Id) : Node.Props(group, balance);

    /// <summary>
    /// Asserts that <paramref name="participant"/> runs this spec's protocol: under <see cref="SnapshotProtocol.Stamped"/>
    /// its mailbox stamps its messages, under <see cref="SnapshotProtocol.Markers"/> it does not. A misconfigured stamped
    /// spec would otherwise pass with markers.
    /// </summary>
    protected void AssertRunsProtocol(IActorRef participant)
    {
        var queue = ((ActorRefWithCell)participant).Underlying is ActorCell { Mailbox: { } mailbox } ? mailbox.MessageQueue : null;
        if (Protocol == SnapshotProtocol.Stamped)
            Assert.True(queue is StampedMessageQueue, $"{participant.Path.Name} should have a {nameof(StampedMessageQueue)} under the stamped protocol, not {queue?.GetType().Name}");
        else
            Assert.False(queue is StampedMessageQueue, $"{participant.Path.Name} should not have a {nameof(StampedMessageQueue)} with markers");
    }

    /// <summary>
    /// Starts an actor and waits until it is registered in <paramref name="group"/>, so that participants started
    /// one after another appear in that order in <see cref="GlobalSnapshot.Processes"/>.
    /// Asserts that it runs this spec's protocol (<see cref="AssertRunsProtocol"/>).
    /// </summary>
    protected async Task<IActorRef> JoinAsync(string group, Props props, string name)
    {
        var actor = Sys.ActorOf(props, name);
        await AwaitAssertAsync(async () => Assert.Contains(actor, await Snapshots.ParticipantsAsync(group)), interval: Poll);
        AssertRunsProtocol(actor);
        return actor;
    }

    protected Task<IActorRef> NodeAsync(string group, string name, long balance = 100) => JoinAsync(group, NodeProps(group, balance), name);

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
