using Akka.Actor;
using Snapshot.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests;

/// <summary>
/// Only messages whose sender is a participant of the snapshot travel on its channels. Messages with no
/// sender, from an Ask, from the scheduler or from actors outside the group are external inputs: they
/// change the state they reach but are never recorded: with a marker per channel and with stamped mailboxes alike.
/// </summary>
public abstract class ExternalInputSpec(SnapshotProtocol protocol, ITestOutputHelper output) : SnapshotSpec(protocol, "", output)
{
    private const string Group = "external";

    public sealed class WithMarkers(ITestOutputHelper output) : ExternalInputSpec(SnapshotProtocol.Markers, output);

    public sealed class Stamped(ITestOutputHelper output) : ExternalInputSpec(SnapshotProtocol.Stamped, output);

    [Fact]
    public async Task External_inputs_arriving_while_a_channel_records_are_not_recorded_but_a_participants_message_is()
    {
        using var gate = new Gate();
        var payer = await NodeAsync(Group, "payer");
        var receiver = await NodeAsync(Group, "receiver");
        var outsider = Sys.ActorOf(Props.Create(() => new Outsider()), "outsider");
        await BlockAsync(receiver, gate);

        var snapshot = Snapshots.TakeAsync(Group, initiator: receiver);
        await AwaitMailboxAsync(receiver, 1); // [Initiate]: the receiver records before anything below
        payer.Tell(new PayTo(receiver, 10, "payer"));
        await AwaitMailboxAsync(receiver, 2); // sent by the payer before it recorded: it must be recorded
        receiver.Tell(new Credit(1, "no sender"), ActorRefs.NoSender);
        var asked = receiver.Ask<Credited>(new Credit(2, "ask", Acknowledge: true), RemainingOrDefault);
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.Zero, receiver, new Credit(3, "scheduler"), ActorRefs.NoSender);
        outsider.Tell(new Relay(receiver, new Credit(4, "outsider")));
        receiver.Tell(new Credit(5, "test actor"), TestActor);
        await AwaitMailboxAsync(receiver, 7);
        gate.Open();

        var result = await snapshot;
        Assert.Equal("ask", (await asked).Note);
        AssertCovers(result, payer, receiver);
        Assert.Equal(90L, StateOf(result, payer));
        Assert.Equal(100L, StateOf(result, receiver));
        AssertInFlight(result, (payer, receiver, [new Credit(10, "payer")]));
        Assert.Equal(200, Money(result));
        // Every external input was handled: they changed the state, just not the snapshot.
        Assert.Equal(100L + 10 + 1 + 2 + 3 + 4 + 5, await receiver.Ask<long>(new GetBalance(), RemainingOrDefault));
    }

    [Fact]
    public async Task A_message_from_the_participants_own_timer_arriving_while_it_records_is_not_recorded()
    {
        using var gate = new Gate();
        var timed = await NodeAsync(Group, "timed");
        var peer = await NodeAsync(Group, "peer");
        // Holds back the peer's marker (stamped: the peer's recording, and so the node's flush): timed keeps recording
        // until the gate opens.
        await BlockAsync(peer, gate);

        var snapshot = Snapshots.TakeAsync(Group, initiator: timed);
        await AwaitAssertAsync(async () => Assert.True(await IsRecordingAsync(timed)));
        timed.Tell(new ArmTimer(new Credit(6, "timer")));
        await AwaitAssertAsync(async () => Assert.Equal(106L, await timed.Ask<long>(new GetBalance(), RemainingOrDefault)));
        Assert.True(await IsRecordingAsync(timed), "the timer's message must have arrived while timed was recording");
        gate.Open();

        var result = await snapshot;
        Assert.Equal(100L, StateOf(result, timed));
        AssertInFlight(result);
        Assert.Equal(200, Money(result));
    }
}
