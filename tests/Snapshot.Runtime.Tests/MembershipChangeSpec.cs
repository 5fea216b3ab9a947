using Akka.Actor;
using Snapshot.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests;

/// <summary>
/// Snapshot after snapshot of the same members reuse what they derived from the membership; a participant
/// joining, leaving or declaring other channels must change the next snapshot exactly: with a marker per channel and
/// with stamped mailboxes alike.
/// </summary>
public abstract class MembershipChangeSpec(SnapshotProtocol protocol, ITestOutputHelper output) : SnapshotSpec(protocol, "", output)
{
    private const string Group = "members";

    public sealed class WithMarkers(ITestOutputHelper output) : MembershipChangeSpec(SnapshotProtocol.Markers, output);

    public sealed class Stamped(ITestOutputHelper output) : MembershipChangeSpec(SnapshotProtocol.Stamped, output);

    [Fact]
    public async Task Each_snapshot_covers_the_members_and_channels_of_its_moment()
    {
        var a = await NodeAsync(Group, "a");
        var b = await NodeAsync(Group, "b");

        for (var round = 0; round < 3; round++)
            AssertCovers(await Snapshots.TakeAsync(Group), a, b);

        var c = await NodeAsync(Group, "c");
        var withC = await Snapshots.TakeAsync(Group);
        AssertCovers(withC, a, b, c);
        Assert.Equal(300L, Money(withC));

        await StopAsync(b);
        var withoutB = await Snapshots.TakeAsync(Group);
        AssertCovers(withoutB, a, c);
        AssertCovers(await Snapshots.TakeAsync(Group, initiator: c), a, c);
    }

    [Fact]
    public async Task Messages_in_flight_are_recorded_in_every_snapshot_of_an_unchanged_membership()
    {
        var payer = await NodeAsync(Group, "payer");
        var payee = await NodeAsync(Group, "payee");

        for (var round = 1; round <= 3; round++)
        {
            using var gate = new Gate();
            await BlockAsync(payer, gate);
            payer.Tell(new PayTo(payee, round, $"round {round}"));
            var snapshot = Snapshots.TakeAsync(Group, initiator: payee);
            // [PayTo, the payee's marker] (stamped: the Initiate the payee tells it once it recorded): the payer pays
            // after the payee recorded, before it records itself.
            await AwaitMailboxAsync(payer, 2);
            gate.Open();
            var result = await snapshot;
            AssertInFlight(result, (payer, payee, [new Credit(round, $"round {round}")]));
            Assert.Equal(200L, Money(result));
        }
    }

    private async Task StopAsync(IActorRef participant)
    {
        await WatchAsync(participant);
        participant.Tell(PoisonPill.Instance);
        await ExpectTerminatedAsync(participant);
        // The coordinator hears of it on its own: the next snapshot must not wait for a stopped participant.
        await AwaitAssertAsync(async () => Assert.DoesNotContain(participant, await Snapshots.ParticipantsAsync(Group)));
    }
}
