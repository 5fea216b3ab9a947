using Akka.Actor;
using Snapshot.Runtime.Tests.Stash;
using Snapshot.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests;

/// <summary>
/// Messages a participant holds in its stash when it records are part of its state; a message is counted
/// once, whether it is stashed before or after the participant records, and whenever it comes back out: with a
/// marker per channel and with stamped mailboxes alike.
/// </summary>
public abstract class StashSpec(SnapshotProtocol protocol, ITestOutputHelper output) : SnapshotSpec(protocol, "", output)
{
    private const string Group = "stash";

    public sealed class WithMarkers(ITestOutputHelper output) : StashSpec(SnapshotProtocol.Markers, output);

    public sealed class Stamped(ITestOutputHelper output) : StashSpec(SnapshotProtocol.Stamped, output);

    [Fact]
    public async Task A_credit_stashed_before_the_vault_records_is_in_its_stashed_state_not_in_a_channel()
    {
        var payer = await NodeAsync(Group, "payer");
        var vault = await JoinAsync(Group, Vault.Props(Group), "vault");
        await StashedCreditAsync(payer, vault, 30);

        var snapshot = await Snapshots.TakeAsync(Group);

        AssertCovers(snapshot, payer, vault);
        Assert.Equal(70L, StateOf(snapshot, payer));
        Assert.Equal(100L, StateOf(snapshot, vault));
        Assert.Equal([new Credit(30, "payer")], snapshot.Processes[1].Stashed);
        Assert.Empty(snapshot.Processes[0].Stashed);
        AssertInFlight(snapshot);
        Assert.Equal(200, Money(snapshot));
    }

    [Fact]
    public async Task A_credit_stashed_before_recording_and_unstashed_while_recording_is_counted_once_in_the_stash()
    {
        using var gate = new Gate();
        var payer = await NodeAsync(Group, "payer");
        var vault = await JoinAsync(Group, Vault.Props(Group), "vault");
        await StashedCreditAsync(payer, vault, 30);
        await BlockAsync(vault, gate);

        var snapshot = Snapshots.TakeAsync(Group, initiator: vault);
        await AwaitMailboxAsync(vault, 1);
        vault.Tell(new OpenVault());
        // [Initiate, OpenVault]: the credit comes back out of the stash while payer → vault is still recording,
        // since the payer's marker (or, stamped, the node's flush) can only follow the vault's recording.
        await AwaitMailboxAsync(vault, 2);
        gate.Open();

        var result = await snapshot;
        Assert.Equal(70L, StateOf(result, payer));
        Assert.Equal(100L, StateOf(result, vault));
        Assert.Equal([new Credit(30, "payer")], result.Processes[1].Stashed);
        AssertInFlight(result);
        Assert.Equal(200, Money(result));
        Assert.Equal(130L, await vault.Ask<long>(new GetBalance(), RemainingOrDefault));
    }

    [Fact]
    public async Task A_credit_arriving_after_the_vault_recorded_is_recorded_in_the_channel_once_though_it_is_stashed_and_unstashed_while_recording()
    {
        using var gate = new Gate();
        var payer = await NodeAsync(Group, "payer");
        var vault = await JoinAsync(Group, Vault.Props(Group), "vault");
        await BlockAsync(vault, gate);

        var snapshot = Snapshots.TakeAsync(Group, initiator: vault);
        await AwaitMailboxAsync(vault, 1);
        payer.Tell(new PayTo(vault, 30, "payer"));
        await AwaitMailboxAsync(vault, 2);
        vault.Tell(new OpenVault());
        // [Initiate, Credit(30) from payer, OpenVault]: the credit arrives after the vault recorded and before the
        // payer's marker (stamped: it was sent before the payer recorded), is stashed, and comes back out of the stash
        // before the payer's marker (stamped: the flush) arrives.
        await AwaitMailboxAsync(vault, 3);
        gate.Open();

        var result = await snapshot;
        Assert.Equal(70L, StateOf(result, payer));
        Assert.Equal(100L, StateOf(result, vault));
        Assert.All(result.Processes, p => Assert.Empty(p.Stashed));
        AssertInFlight(result, (payer, vault, [new Credit(30, "payer")]));
        Assert.Equal(200, Money(result));
        Assert.Equal(130L, await vault.Ask<long>(new GetBalance(), RemainingOrDefault));
    }

    [Fact]
    public async Task A_credit_stashed_while_recording_and_still_stashed_at_the_end_is_in_the_channel_and_counted_once()
    {
        using var gate = new Gate();
        var payer = await NodeAsync(Group, "payer");
        var vault = await JoinAsync(Group, Vault.Props(Group), "vault");
        await BlockAsync(vault, gate);

        var snapshot = Snapshots.TakeAsync(Group, initiator: vault);
        await AwaitMailboxAsync(vault, 1);
        payer.Tell(new PayTo(vault, 30, "payer"));
        await AwaitMailboxAsync(vault, 2); // [Initiate, Credit(30) from payer]
        gate.Open();

        var result = await snapshot;
        Assert.All(result.Processes, p => Assert.Empty(p.Stashed));
        AssertInFlight(result, (payer, vault, [new Credit(30, "payer")]));
        Assert.Equal(200, Money(result));

        // The next snapshot finds the credit in the stash, and nowhere else.
        var next = await Snapshots.TakeAsync(Group);
        Assert.Equal([new Credit(30, "payer")], next.Processes[1].Stashed);
        AssertInFlight(next);
        Assert.Equal(200, Money(next));
    }

    /// <summary>The payer pays the (closed) vault, which stashes the credit; returns once it is in the stash.</summary>
    private async Task StashedCreditAsync(IActorRef payer, IActorRef vault, long amount)
    {
        payer.Tell(new PayTo(vault, amount, payer.Path.Name));
        await AwaitAssertAsync(async () => Assert.Equal(1, (await vault.Ask<Pong>(new Ping(), RemainingOrDefault)).Stashed));
    }
}
