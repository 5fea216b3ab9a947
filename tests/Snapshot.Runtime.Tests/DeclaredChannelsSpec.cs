using Akka.Actor;
using Snapshot.Runtime.Participants;
using Snapshot.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests;

/// <summary>
/// A group in which a participant declared its channels is snapshotted with a marker on each declared channel, and
/// only those are channels: a participant that tells a member it did not declare fails the snapshot recording there
/// with <see cref="SnapshotFailureReason.UndeclaredChannel"/>, as the README's rules say.
/// </summary>
public sealed class DeclaredChannelsSpec(ITestOutputHelper output) : SnapshotSpec("", output)
{
    private const string Group = "declared";

    [Fact]
    public async Task A_declared_group_covers_only_the_declared_channels()
    {
        var declarer = await JoinAsync(Group, Props.Create(() => new Declarer()), "declarer");
        var b = await NodeAsync(Group, "b");
        declarer.Tell(new DeclareTo([b]));
        await AwaitAssertAsync(async () => Assert.Equal(
            // declarer → b and declarer → declarer (a participant's self channel is always one), and b, declaring
            // nothing, to each of the two.
            4L, (await Snapshots.TakeAsync(Group)).ChannelCount));
    }

    [Fact]
    public async Task Telling_a_member_not_declared_while_it_records_fails_the_snapshot_with_UndeclaredChannel_naming_both()
    {
        using var gate = new Gate();
        var declarer = await JoinAsync(Group, Props.Create(() => new Declarer()), "declarer");
        var b = await NodeAsync(Group, "b");
        var c = await NodeAsync(Group, "c");
        declarer.Tell(new DeclareTo([b]));
        // declarer → b and → itself, and b and c, declaring nothing, to each of the three.
        await AwaitAssertAsync(async () => Assert.Equal(8L, (await Snapshots.TakeAsync(Group)).ChannelCount));
        await BlockAsync(c, gate);

        var snapshot = Snapshots.TakeAsync(Group, initiator: c);
        await AwaitMailboxAsync(c, 1); // [Initiate]: c records before anything below
        declarer.Tell(new PayTo(c, 10, "undeclared"));
        await AwaitMailboxAsync(c, 2);
        gate.Open();

        var failure = await Assert.ThrowsAsync<SnapshotFailedException>(() => snapshot);
        Assert.Equal(SnapshotFailureReason.UndeclaredChannel, failure.Reason);
        Assert.Contains("declarer told c Credit, but did not declare a channel to it", failure.Message);
    }

    private sealed record DeclareTo(IReadOnlyList<IActorRef> Channels);

    /// <summary>A participant that declares the channels it is told, and pays whom it is told to.</summary>
    private sealed class Declarer : SnapshotReceiveActor
    {
        private long _balance = 100;

        public Declarer() : base(Group)
        {
            Receive<DeclareTo>(declare => DeclareSnapshotChannels(declare.Channels));
            Receive<PayTo>(pay =>
            {
                _balance -= pay.Amount;
                pay.To.Tell(new Credit(pay.Amount, pay.Note));
            });
            Receive<Credit>(credit => _balance += credit.Amount);
        }

        protected override object CaptureState() => _balance;
    }
}
