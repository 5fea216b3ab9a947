using Akka.Actor;
using Snapshot.Runtime.Tests.Bank;
using Snapshot.Runtime.Tests.Persistence;
using Snapshot.Runtime.Tests.Stash;
using Snapshot.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests;

/// <summary>
/// Participants that cannot change their base class: persistent actors (in-memory journal) using the
/// <see cref="Participants.SnapshotParticipant"/> helper from their <c>AroundReceive</c>. With a marker per channel and
/// with stamped mailboxes alike: a persistent actor has a stash, so it asks for a deque, and gets the stamped one when
/// the system starts with the library's configuration.
/// </summary>
public abstract class PersistentParticipantSpec(SnapshotProtocol protocol, ITestOutputHelper output) : SnapshotSpec(protocol, Config, output)
{
    private const string Config = """
        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        """;

    private const long OpeningBalance = 1000;

    public sealed class WithMarkers(ITestOutputHelper output) : PersistentParticipantSpec(SnapshotProtocol.Markers, output);

    public sealed class Stamped(ITestOutputHelper output) : PersistentParticipantSpec(SnapshotProtocol.Stamped, output);

    [Fact]
    public async Task Snapshots_under_traffic_between_plain_and_persistent_accounts_conserve_the_total_exactly()
    {
        var accounts = new List<IActorRef>();
        for (var i = 0; i < 4; i++)
            accounts.Add(await JoinAsync(Account.Group, Props.Create(() => new Account(OpeningBalance)), $"account-{i}"));
        for (var i = 0; i < 2; i++)
            accounts.Add(await JoinAsync(Account.Group, PersistentAccount.Props($"persistent-{i}", OpeningBalance), $"persistent-{i}"));
        foreach (var seed in Enumerable.Range(0, 3))
            Sys.ActorOf(Props.Create(() => new Driver(accounts.ToArray(), seed)), $"driver-{seed}");

        var random = new Random(11);
        var taken = new List<GlobalSnapshot>();
        // At least 20, and on until one catches money in flight: on a loaded machine the first ones may all fall
        // between transfers, and a run that never tested a channel proves nothing.
        while (taken.Count < 20 || (!taken.Any(s => Account.InFlight(s) > 0) && taken.Count < 500))
        {
            var round = Enumerable.Range(0, random.Next(1, 3))
                .Select(_ => Snapshots.TakeAsync(Account.Group, initiator: random.Next(2) == 0 ? null : accounts[random.Next(accounts.Count)]))
                .ToArray();
            taken.AddRange(await Task.WhenAll(round));
        }

        var total = accounts.Count * OpeningBalance;
        Assert.All(taken, s => AssertCovers(s, [.. accounts]));
        Assert.All(taken, s => Assert.True(Account.Money(s) == total, $"snapshot {s.Id} holds {Account.Money(s)}, not {total}:\n{s.Describe()}"));
        Assert.True(taken.Any(s => Account.InFlight(s) > 0), "no snapshot caught money in flight, so the channels were never tested");
    }

    [Fact]
    public async Task A_marker_arriving_while_a_transfer_is_being_persisted_waits_so_the_recorded_balance_includes_it()
    {
        using var gate = new Gate();
        var payer = await JoinAsync(Account.Group, Props.Create(() => new Account(100)), "payer");
        var persistent = await JoinAsync(Account.Group, PersistentAccount.Props("persistent", 100), "persistent");
        await BlockAsync(persistent, gate);

        payer.Tell(new Pay(persistent, 30));
        await ExpectMsgAsync<Paid>();
        var snapshot = Snapshots.TakeAsync(Account.Group, initiator: persistent);
        // [Transfer(30), Initiate]: it persists the transfer, and its Initiate waits in the persistent actor's own
        // stash until the write is done and applied.
        await AwaitMailboxAsync(persistent, 2);
        gate.Open();

        var result = await snapshot;
        Assert.Equal(70L, StateOf(result, payer));
        Assert.Equal(130L, StateOf(result, persistent));
        AssertInFlight(result);
        Assert.Equal(200, Account.Money(result));
    }

    [Fact]
    public async Task A_transfer_in_a_persistent_actors_user_stash_when_it_records_is_counted_once_when_UnstashAll_hands_it_back()
    {
        using var gate = new Gate();
        var payer = await JoinAsync(Account.Group, Props.Create(() => new Account(100)), "payer");
        var vault = await JoinAsync(Account.Group, PersistentVault.Props("vault", 100), "vault");
        payer.Tell(new Pay(vault, 30));
        await ExpectMsgAsync<Paid>();
        await AwaitAssertAsync(async () => Assert.Equal(1, (await vault.Ask<Pong>(new Ping(), RemainingOrDefault)).Stashed));
        await BlockAsync(vault, gate);

        var snapshot = Snapshots.TakeAsync(Account.Group, initiator: vault);
        await AwaitMailboxAsync(vault, 1);
        vault.Tell(new OpenVault());
        // [Initiate, OpenVault]: the transfer comes back out of the stash while payer → vault still records.
        await AwaitMailboxAsync(vault, 2);
        gate.Open();

        var result = await snapshot;
        Assert.Equal(70L, StateOf(result, payer));
        Assert.Equal(100L, StateOf(result, vault));
        Assert.Equal([new Transfer(30)], result.Processes[1].Stashed);
        AssertInFlight(result);
        Assert.Equal(200, Account.Money(result));
        Assert.Equal(130L, await vault.Ask<long>(new GetBalance(), RemainingOrDefault));
    }

    [Fact]
    public async Task A_transfer_stashed_by_a_persistent_actor_while_recording_is_recorded_once_when_UnstashAll_hands_it_back()
    {
        using var gate = new Gate();
        var payer = await JoinAsync(Account.Group, Props.Create(() => new Account(100)), "payer");
        var vault = await JoinAsync(Account.Group, PersistentVault.Props("vault", 100), "vault");
        await BlockAsync(vault, gate);

        var snapshot = Snapshots.TakeAsync(Account.Group, initiator: vault);
        await AwaitMailboxAsync(vault, 1);
        payer.Tell(new Pay(vault, 30));
        await ExpectMsgAsync<Paid>();
        vault.Tell(new OpenVault());
        await AwaitMailboxAsync(vault, 3); // [Initiate, Transfer(30), OpenVault]
        gate.Open();

        var result = await snapshot;
        Assert.Equal(70L, StateOf(result, payer));
        Assert.Equal(100L, StateOf(result, vault));
        Assert.All(result.Processes, p => Assert.Empty(p.Stashed));
        AssertInFlight(result, (payer, vault, [new Transfer(30)]));
        Assert.Equal(200, Account.Money(result));
    }
}
