using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;
using Snapshot.Runtime.Participants;
using Snapshot.Runtime.Tests.Bank;

namespace Snapshot.Runtime.Tests;

/// <summary>Which participants get the stamped mailbox: what the README's "stamped mailboxes" section says.</summary>
public sealed class StampedMailboxSpec
{
    [Fact]
    public async Task A_system_started_with_the_librarys_configuration_gives_base_class_participants_and_helper_ones_that_ask_the_stamped_mailbox()
    {
        using var system = ActorSystem.Create("stamped", ConfigurationFactory.ParseString("akka.loglevel = WARNING").WithFallback(GlobalSnapshotsSettings.DefaultConfig()));

        Assert.IsType<StampedMessageQueue>(await QueueOfAsync(system, Props.Create(() => new Account(10))));
        Assert.IsType<StampedMessageQueue>(await QueueOfAsync(system, Props.Create(() => new StampedTeller())));
        Assert.IsType<StampedMessageQueue>(await QueueOfAsync(system, Props.Create(() => new PlainTeller()).WithMailbox(StampedMailbox.Id)));
        Assert.IsNotType<StampedMessageQueue>(await QueueOfAsync(system, Props.Create(() => new PlainTeller())));
        // Any actor with a stash asks for a deque, and gets the stamped one.
        Assert.IsType<StampedMessageQueue>(await QueueOfAsync(system, Props.Create(() => new Stasher())));
    }

    [Fact]
    public async Task A_system_started_without_it_gives_base_class_participants_Akkas_own_deque()
    {
        using var system = ActorSystem.Create("plain", "akka.loglevel = WARNING");
        _ = GlobalSnapshots.Get(system);

        Assert.IsType<UnboundedDequeMessageQueue>(await QueueOfAsync(system, Props.Create(() => new Account(10))));
    }

    [Fact]
    public void A_base_class_participant_given_a_mailbox_that_is_no_deque_fails_to_start_naming_the_requirement()
    {
        using var system = ActorSystem.Create("no-deque", "akka.loglevel = WARNING");

        var error = Assert.ThrowsAny<Exception>(() => system.ActorOf(Props.Create(() => new Account(10)).WithMailbox("akka.actor.mailbox.unbounded-queue-based")));

        Assert.Contains("does not fulfill requirement", error.ToString());
        Assert.Contains(nameof(IUnboundedDequeBasedMessageQueueSemantics), error.ToString());
    }

    private static async Task<IMessageQueue> QueueOfAsync(ActorSystem system, Props props)
    {
        var actor = system.ActorOf(props);
        await actor.Ask<ActorIdentity>(new Identify(null), TimeSpan.FromSeconds(5));
        return ((ActorRefWithCell)actor).Underlying is ActorCell { Mailbox: { } mailbox } ? mailbox.MessageQueue : throw new InvalidOperationException($"{actor} has no mailbox");
    }

    /// <summary>A participant through <see cref="SnapshotParticipant"/> that asks for the stamped mailbox.</summary>
    private sealed class StampedTeller : ReceiveActor, IRequiresMessageQueue<IStampedMessageQueueSemantics>
    {
        private readonly SnapshotParticipant _snapshots;

        public StampedTeller() => _snapshots = new SnapshotParticipant(this, Context, () => 0, "tellers");

        protected override bool AroundReceive(Receive receive, object message) => _snapshots.AroundReceive(receive, message, base.AroundReceive);
    }

    /// <summary>No participant at all, but an actor with a stash.</summary>
    private sealed class Stasher : ReceiveActor, IWithUnboundedStash
    {
        public Stasher() => ReceiveAny(_ => Stash.Stash());

        public IStash Stash { get; set; } = null!;
    }

    /// <summary>A participant through <see cref="SnapshotParticipant"/> that asks for no mailbox.</summary>
    private sealed class PlainTeller : ReceiveActor
    {
        private readonly SnapshotParticipant _snapshots;

        public PlainTeller() => _snapshots = new SnapshotParticipant(this, Context, () => 0, "tellers");

        protected override bool AroundReceive(Receive receive, object message) => _snapshots.AroundReceive(receive, message, base.AroundReceive);
    }
}
