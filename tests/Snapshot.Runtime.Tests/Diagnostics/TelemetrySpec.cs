using Akka.Actor;
using Snapshot.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests.Diagnostics;

/// <summary>The snapshots whose every figure the metrics and tracing specs know.</summary>
public abstract class TelemetrySpec(ITestOutputHelper output, string config = "") : SnapshotSpec(config, output)
{
    /// <summary>
    /// A payer and a payee, the payee held while the snapshot it initiates and then a credit of 5 from the payer queue
    /// behind: the payee records first, so the credit is in flight on payer → payee, the snapshot's only message there.
    /// </summary>
    protected async Task<(GlobalSnapshot Snapshot, IActorRef Payer, IActorRef Payee)> TakeWithOneCreditInFlightAsync(string group)
    {
        using var gate = new Gate();
        var payer = await NodeAsync(group, "payer");
        var payee = await NodeAsync(group, "payee");
        await BlockAsync(payee, gate);
        var taking = Snapshots.TakeAsync(group, initiator: payee);
        await AwaitMailboxAsync(payee, 1); // [Initiate]
        payer.Tell(new PayTo(payee, 5, "payer"));
        await AwaitMailboxAsync(payee, 2); // [Initiate, Credit 5]: the payer has not recorded, the payee will first
        gate.Open();
        var snapshot = await taking;
        AssertInFlight(snapshot, (payer, payee, [new Credit(5, "payer")]));
        return (snapshot, payer, payee);
    }

    /// <summary>
    /// A snapshot of a doomed participant and a survivor, every participant initiated at once, that fails with
    /// <see cref="SnapshotFailureReason.ParticipantStopped"/>: the doomed one stops before handling its initiate.
    /// </summary>
    protected async Task<(SnapshotFailedException Error, IActorRef Doomed, IActorRef Survivor)> FailWithAStoppedParticipantAsync(string group)
    {
        using var gate = new Gate();
        var doomed = await NodeAsync(group, "doomed");
        var survivor = await NodeAsync(group, "survivor");
        await BlockAsync(doomed, gate, stopAfterwards: true);
        var taking = Snapshots.TakeAsync(group);
        await AwaitMailboxAsync(doomed, 2); // [Initiate, the survivor's marker]: it stops before handling them
        gate.Open();
        var error = await Assert.ThrowsAsync<SnapshotFailedException>(() => taking.WaitAsync(RemainingOrDefault));
        Assert.Equal(SnapshotFailureReason.ParticipantStopped, error.Reason);
        return (error, doomed, survivor);
    }
}
