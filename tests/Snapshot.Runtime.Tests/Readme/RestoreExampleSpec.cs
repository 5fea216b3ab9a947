using Akka.Actor;
using Akka.TestKit.Xunit2;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests.Readme;

/// <summary>Runs the README's restore example: a rally checkpointed, crashed and restored in a new ActorSystem goes on with every coin.</summary>
public sealed class RestoreExampleSpec(ITestOutputHelper output) : TestKit(output: output)
{
    [Fact]
    public async Task A_rally_restored_from_its_checkpoint_keeps_every_coin_and_goes_on()
    {
        var crashed = ActorSystem.Create("rally");
        GlobalSnapshot checkpoint;
        try
        {
            checkpoint = await Rally.CheckpointAsync(crashed);
        }
        finally
        {
            await crashed.Terminate();
        }
        Assert.Equal(Rally.Coins, Rally.Count(checkpoint));

        var restored = await Rally.RestoreAsync(Sys, checkpoint);

        Assert.Equal(["ann", "bob"], restored.Participants.Values.Select(p => p.Path.Name).Order());
        Assert.Equal(checkpoint.RecordedMessages, restored.ReplayedMessages);
        for (var i = 0; i < 5; i++)
        {
            var snapshot = await GlobalSnapshots.Get(Sys).TakeAsync("players");
            Assert.True(Rally.Count(snapshot) == Rally.Coins, snapshot.Describe());
        }
    }
}
