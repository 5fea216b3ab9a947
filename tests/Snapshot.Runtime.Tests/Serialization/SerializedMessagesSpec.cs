using Akka.Actor;
using Snapshot.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests.Serialization;

/// <summary>
/// The whole runtime with <c>serialize-messages</c> on: every message, the protocol's included, is serialized and
/// the copy read back is what gets delivered, as if every participant were on another node.
/// </summary>
public sealed class SerializedMessagesSpec(ITestOutputHelper output) : SnapshotSpec("akka.actor.serialize-messages = on", output)
{
    private const string Group = "wire";
    private const int Attempts = 20;

    [Fact]
    public async Task Snapshots_of_participants_whose_every_message_is_serialized_hold_all_the_money_in_states_and_channels()
    {
        var a = await NodeAsync(Group, "a", balance: 1000);
        var b = await NodeAsync(Group, "b", balance: 1000);
        var c = await NodeAsync(Group, "c", balance: 1000);

        // Credits in flight when a snapshot starts are recorded only by chance, so try until one is.
        var recorded = false;
        for (var attempt = 0; attempt < Attempts && !recorded; attempt++)
        {
            for (var i = 0; i < 50; i++)
            {
                a.Tell(new PayTo(b, 1, $"a{i}"), ActorRefs.NoSender);
                b.Tell(new PayTo(c, 1, $"b{i}"), ActorRefs.NoSender);
                c.Tell(new PayTo(a, 1, $"c{i}"), ActorRefs.NoSender);
            }
            var snapshot = await Snapshots.TakeAsync(Group);

            AssertCovers(snapshot, a, b, c);
            Assert.True(Money(snapshot) == 3000, $"attempt {attempt}: {Money(snapshot)} instead of 3000 in\n{snapshot.Describe()}");
            recorded = snapshot.RecordedMessages > 0;
        }
        Assert.True(recorded, $"no snapshot in {Attempts} recorded a credit in flight, so no recorded message crossed the wire");
    }
}
