using System.Diagnostics;
using Akka.Actor;
using Akka.TestKit.TestActors;
using Snapshot.Algorithm;
using Snapshot.Restore.Internal;
using Snapshot.Runtime.Internal;
using Snapshot.Runtime.Tests.Support;

namespace Snapshot.Runtime.Tests.Serialization;

/// <summary>An application's own record, as a state or message inside a snapshot.</summary>
public sealed record Ledger(string Owner, long Balance, string[] Entries);

/// <summary>
/// At least one message of every protocol type, built from live actors of <paramref name="system"/> (a ref only
/// resolves back to itself in a system whose provider knows it), with plans with and without declared channels
/// and payloads of several types. The plans' layouts are in the system's <see cref="LayoutRegistry"/>, as the
/// coordinator puts them before a snapshot starts, so that markers and initiates read back with them.
/// </summary>
internal sealed class ProtocolSamples(ActorSystem system, IActorRef coordinator)
{
    public static readonly DateTime Deadline = new(2031, 5, 17, 8, 30, 12, 345, DateTimeKind.Utc);

    private readonly IActorRef _a = system.ActorOf(BlackHoleActor.Props, "a");
    private readonly IActorRef _b = system.ActorOf(BlackHoleActor.Props, "b");
    private readonly IActorRef _c = system.ActorOf(BlackHoleActor.Props, "c");
    private readonly IActorRef _d = system.ActorOf(BlackHoleActor.Props, "d");
    private readonly IActorRef _outsider = system.ActorOf(BlackHoleActor.Props, "outsider");

    public IActorRef[] Members => [_a, _b, _c, _d];

    /// <summary>Every member sends to every member.</summary>
    public SnapshotPlan PlanWithoutDeclaredChannels() => new(new SnapshotId(7), "bank", coordinator, Held(new ChannelLayout(Guid.NewGuid(), Members, NoDeclarations)), 100_000, Deadline, new SnapshotId(3));

    /// <summary>Every member sends to every member, and every member's mailbox stamps: the stamped protocol.</summary>
    public SnapshotPlan StampedPlan() => new(new SnapshotId(8), "bank", coordinator, Held(new ChannelLayout(Guid.NewGuid(), Members, NoDeclarations, stamped: true)), 100_000, Deadline, new SnapshotId(8));

    /// <summary>
    /// a sends to b (and so to itself), b to every member (it declared nothing), c only to itself, d to a and c
    /// (its declared non-member is dropped).
    /// </summary>
    public SnapshotPlan PlanWithDeclaredChannels() => new(new SnapshotId(long.MaxValue), "süd-ost 🏦", coordinator, Held(LayoutWithDeclaredChannels()),
        3, Deadline, new SnapshotId(long.MinValue));

    /// <summary>The layout of <see cref="PlanWithDeclaredChannels"/>, under a new id, held by nobody yet.</summary>
    public ChannelLayout LayoutWithDeclaredChannels() => new(Guid.NewGuid(), Members, new Dictionary<IActorRef, IReadOnlyCollection<IActorRef>>
    {
        [_a] = [_b],
        [_c] = [],
        [_d] = [_c, _outsider, _a],
    });

    /// <summary>Puts <paramref name="layout"/> in the system's registry, under a group of its own so that no other sample drops it.</summary>
    public ChannelLayout Held(ChannelLayout layout)
    {
        LayoutRegistry.Get(system).Add(coordinator, $"samples-{layout.Id}", layout, []);
        return layout;
    }

    private static Dictionary<IActorRef, IReadOnlyCollection<IActorRef>> NoDeclarations => [];

    /// <summary>A span context as a reader makes it: remote, since it comes from another node.</summary>
    public static ActivityContext TraceContext() =>
        new(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);

    public IEnumerable<object> All()
    {
        yield return new Marker(PlanWithoutDeclaredChannels());
        yield return new Marker(PlanWithDeclaredChannels());
        yield return new Marker(new SnapshotPlan(new SnapshotId(0), "", coordinator, Held(new ChannelLayout(Guid.NewGuid(), [], NoDeclarations)), 1, DateTime.MinValue, new SnapshotId(0)));
        yield return new NodeMarker(PlanWithoutDeclaredChannels());
        yield return new NodeMarker(PlanWithDeclaredChannels());
        yield return new Initiate(PlanWithoutDeclaredChannels());
        yield return new Initiate(StampedPlan());
        yield return new NodeInitiate(StampedPlan());
        yield return new InitiateFirst(StampedPlan());
        yield return new MessagePiece(Guid.NewGuid(), "SL", 2, 3, [1, 2, 3]);
        yield return new RecordNotices(StampedPlan(), [0, 2, 1]);
        yield return new Flush(StampedPlan());
        yield return new Initiate(PlanWithDeclaredChannels());
        yield return new Initiate(new SnapshotPlan(new SnapshotId(9), "traced", coordinator,
            Held(new ChannelLayout(Guid.NewGuid(), Members, NoDeclarations)), 5, Deadline, new SnapshotId(4), TraceContext()));
        yield return new Abandon(new SnapshotId(-1), Deadline);
        yield return new Abandon(new SnapshotId(12), new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Local));
        yield return new Abandoned(new SnapshotId(3), _a, true, [_b, _c]);
        yield return new Abandoned(new SnapshotId(3), _d, false, []);
        yield return new LocalPart(new SnapshotId(4), _a, 42L,
            ["stashed", new Credit(5, "from b"), 9L],
            [
                new RecordedMessage<IActorRef, object>(_b, _a, new Credit(10, "in flight", Acknowledge: true)),
                new RecordedMessage<IActorRef, object>(_c, _a, "text"),
                new RecordedMessage<IActorRef, object>(_a, _a, new Relay(_d, 3L)),
            ]);
        yield return new LocalPart(new SnapshotId(4), _b, new Ledger("b", -20, ["open", "débit"]), [], []);
        yield return new LocalPart(new SnapshotId(4), _c, null, [], [new RecordedMessage<IActorRef, object>(_d, _c, 1L)]);
        yield return new LocalPart(new SnapshotId(4), _d, "state as text", [new Ledger("d", 0, [])], []);
        yield return new PartFailed(new SnapshotId(5), _b, SnapshotFailureReason.RecordingLimitExceeded, "channel a → b recorded more than 3 messages");
        yield return new PartFailed(new SnapshotId(5), _c, SnapshotFailureReason.PartNotSerializable, "");
        yield return new Register("bank", _a, Guid.NewGuid(), null);
        yield return new Register("bank", _a, Guid.NewGuid(), null, Stamped: true);
        yield return new Register("bank", _b, Guid.NewGuid(), [_a, _outsider]);
        yield return new Register("bank", _c, Guid.Empty, []);
        yield return new Take("bank", _a, TimeSpan.FromMilliseconds(1500), _outsider, Guid.NewGuid());
        yield return new Take("default", null, TimeSpan.MaxValue, _outsider, Guid.NewGuid());
        yield return new Take("traced", _b, TimeSpan.FromSeconds(3), _outsider, Guid.NewGuid(), TraceContext());
        yield return new CancelTake(Guid.NewGuid());
        yield return new GetParticipants("bank");
        yield return ReadTableSizes.Instance;
        yield return new WaitForParticipants("bank", 4);
        yield return new CollectMembers(Guid.NewGuid(), "bank", Guid.Empty);
        yield return new CollectMembers(Guid.NewGuid(), "bank", Guid.NewGuid());
        yield return new CollectedMembers(Guid.NewGuid(), Guid.NewGuid(), [new GroupMember(_a, null), new GroupMember(_b, [_c], Guid.NewGuid()), new GroupMember(_d, [])]);
        yield return new CollectedMembers(Guid.NewGuid(), Guid.NewGuid(), null);
        yield return new Marker(new SnapshotPlan(new SnapshotId(8), "bank", coordinator,
            Held(ChannelLayout.Of([new GroupMember(_a, null, Guid.NewGuid()), new GroupMember(_b, [_a], Guid.NewGuid())])), 10, Deadline, new SnapshotId(5)));
        yield return new CollectedMembers(Guid.NewGuid(), Guid.Empty, []);
        yield return new CollectedMembers(Guid.NewGuid(), Guid.NewGuid(), [new GroupMember(_a, null, Guid.NewGuid(), Stamped: true), new GroupMember(_b, null, Guid.NewGuid())]);
        yield return new PartBatchChunk(new SnapshotId(6), coordinator, 1, 0, 3, [0, 1, 2, 255, 128]);
        yield return new PartBatchChunk(new SnapshotId(6), coordinator, int.MaxValue, 2, 3, []);
        yield return new ParticipantGone(_b);
        yield return new AssociationLost(Address.Parse("akka.tcp://snapshot@127.0.0.1:4053"), Address.Parse("akka.trttl.tcp://snapshot@10.0.0.2:4054"), "dropped");
        var restore = Guid.NewGuid();
        yield return new ReplayMessage(restore, _b, new Credit(30, "in flight"));
        yield return new ReplayMessage(restore, null, "stashed");
        yield return new ReplayEnd(restore, 2);
        yield return new ReplayEnd(restore, 0);
        yield return new ReplayDelivered(restore, _a, "bank");
        yield return new ReplayRefused(restore, _c, "1 of its 2 replayed messages arrived");
        yield return new ShareLayout("bank", new ChannelLayout(Guid.NewGuid(), Members, NoDeclarations), [Guid.NewGuid(), Guid.NewGuid()]);
        yield return new ShareLayout("bank", new ChannelLayout(Guid.NewGuid(), Members, NoDeclarations, stamped: true), []);
        yield return new ShareLayout("süd-ost 🏦", LayoutWithDeclaredChannels(), []);
        yield return new ShareLayout("", ChannelLayout.Of([new GroupMember(_a, null, Guid.NewGuid()), new GroupMember(_b, [_a], Guid.NewGuid())]), []);
        yield return new LayoutShared(Guid.NewGuid());
    }
}
