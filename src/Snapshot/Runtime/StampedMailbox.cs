using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;
using Snapshot.Runtime.Internal;

namespace Snapshot.Runtime;

/// <summary>
/// The mailbox of participants (<c>akka.snapshot.stamped-mailbox</c>): unbounded, a deque for stashes, and each message
/// stamped with the node's snapshot clock as it is put in.
/// </summary>
public sealed class StampedMailbox(Settings settings, Config config) : MailboxType(settings, config), IProducesMessageQueue<StampedMessageQueue>
{
    /// <summary>Its configuration path, for <c>Props.WithMailbox</c> on an actor that does not derive from a participant base class.</summary>
    public const string Id = "akka.snapshot.stamped-mailbox";

    public override IMessageQueue Create(IActorRef owner, ActorSystem system) => new StampedMessageQueue(NodeStamps.Get(system).Ledger);
}
