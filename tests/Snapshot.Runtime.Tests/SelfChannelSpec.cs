using Akka.Actor;
using Snapshot.Runtime.Participants;
using Snapshot.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests;

/// <summary>
/// A participant telling itself is a channel too: a self-message in flight at the cut must be in the snapshot, with a
/// marker per channel and with stamped mailboxes alike.
/// </summary>
public abstract class SelfChannelSpec(SnapshotProtocol protocol, ITestOutputHelper output) : SnapshotSpec(protocol, "", output)
{
    private const string Group = "self";

    public sealed class WithMarkers(ITestOutputHelper output) : SelfChannelSpec(SnapshotProtocol.Markers, output);

    public sealed class Stamped(ITestOutputHelper output) : SelfChannelSpec(SnapshotProtocol.Stamped, output);

    [Fact]
    public async Task A_self_message_sent_before_recording_and_handled_after_is_recorded_on_the_self_channel()
    {
        using var gate = new Gate();
        var mover = await JoinAsync(Group, Mover.Props(), "mover");
        await BlockAsync(mover, gate);

        mover.Tell(new Move(5));
        var snapshot = Snapshots.TakeAsync(Group, initiator: mover);
        await AwaitMailboxAsync(mover, 2); // [Move(5), Initiate]: the Deposit it tells itself will queue behind the Initiate
        gate.Open();

        var result = await snapshot;
        AssertCovers(result, mover);
        Assert.Equal(95L, StateOf(result, mover));
        AssertInFlight(result, (mover, mover, [new Deposit(5)]));
        Assert.Equal(100L, await mover.Ask<long>(new GetBalance(), RemainingOrDefault));
    }

    [Fact]
    public async Task A_self_message_sent_after_recording_is_not_in_the_snapshot()
    {
        using var gate = new Gate();
        var mover = await JoinAsync(Group, Mover.Props(), "mover");
        await BlockAsync(mover, gate);

        var snapshot = Snapshots.TakeAsync(Group, initiator: mover);
        await AwaitMailboxAsync(mover, 1);
        mover.Tell(new Move(5));
        // [Initiate, Move(5)]: the Deposit queues behind the marker to itself (stamped: it is stamped after the mover recorded)
        await AwaitMailboxAsync(mover, 2);
        gate.Open();

        var result = await snapshot;
        Assert.Equal(100L, StateOf(result, mover));
        AssertInFlight(result);
    }

    [Fact]
    public async Task With_every_participant_initiated_at_once_the_self_channel_is_recorded_beside_the_others()
    {
        using var gate = new Gate();
        var mover = await JoinAsync(Group, Mover.Props(), "mover");
        var node = await NodeAsync(Group, "node");
        await BlockAsync(mover, gate);

        mover.Tell(new Move(5));
        node.Tell(new PayTo(mover, 7, "node"));
        await AwaitMailboxAsync(mover, 2); // [Move(5), Credit(7)]: node paid before the snapshot started
        var snapshot = Snapshots.TakeAsync(Group);
        // [Move(5), Credit(7), Initiate, node's marker]: the coordinator tells the mover its Initiate before it tells the
        // node. Stamped, no marker follows: [Move(5), Credit(7), Initiate].
        await AwaitMailboxAsync(mover, ByProtocol(markers: 4, stamped: 3));
        gate.Open();

        var result = await snapshot;
        AssertCovers(result, mover, node);
        Assert.Equal(102L, StateOf(result, mover));
        Assert.Equal(93L, StateOf(result, node));
        AssertInFlight(result, (mover, mover, [new Deposit(5)]));
        var total = result.Processes.Sum(p => (long)p.State!) + result.Channels.SelectMany(c => c.Messages).OfType<Deposit>().Sum(d => d.Amount);
        Assert.Equal(200L, total);
    }

    public sealed record Move(long Amount);

    public sealed record Deposit(long Amount);

    /// <summary>Moves money through its own mailbox: takes it off on <see cref="Move"/>, puts it back when the <see cref="Deposit"/> it told itself arrives.</summary>
    private sealed class Mover : SnapshotUntypedActor
    {
        private long _balance = 100;

        public Mover() : base(Group)
        {
        }

        public static Props Props() => Akka.Actor.Props.Create(() => new Mover());

        protected override object CaptureState() => _balance;

        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case Move move:
                    _balance -= move.Amount;
                    Self.Tell(new Deposit(move.Amount));
                    break;
                case Deposit deposit:
                    _balance += deposit.Amount;
                    break;
                case Credit credit:
                    _balance += credit.Amount;
                    break;
                case Block block:
                    block.Gate.Pass(() => block.NotifyTo.Tell(new Blocked(Self)));
                    break;
                case GetBalance:
                    Sender.Tell(_balance);
                    break;
                default:
                    Unhandled(message);
                    break;
            }
        }
    }
}
