using Akka.Actor;
using Akka.TestKit.Xunit2;
using Snapshot.Runtime.Participants;
using Snapshot.Runtime.Tests.Bank;
using Snapshot.Testing;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Snapshot.Runtime.Tests.Testing;

public sealed class SnapshotAssertionsSpec(ITestOutputHelper output) : TestKit(output: output)
{
    [Fact]
    public async Task Passes_for_a_bank_that_conserves_its_money_while_it_moves()
    {
        var accounts = await OpenAccounts(("alice", 700), ("bob", 300), ("carol", 1000));
        Sys.ActorOf(Props.Create(() => new Driver(accounts, 1)), "driver");

        for (var i = 0; i < 10; i++)
        {
            await this.AssertSnapshotAsync(s => Account.Money(s) == 2000, "money is conserved", Account.Group);
            await this.AssertSnapshotAsync(Account.Money, 2000, "total money", Account.Group);
        }
    }

    [Fact]
    public async Task A_false_invariant_fails_naming_it_and_showing_every_participants_state()
    {
        await OpenAccounts(("alice", 700), ("bob", 300));

        var failure = await Assert.ThrowsAnyAsync<XunitException>(() =>
            this.AssertSnapshotAsync(s => Account.Money(s) == 1001, "the bank holds 1001", Account.Group));

        Assert.Contains("the bank holds 1001", failure.Message);
        Assert.Contains("alice: 700", failure.Message);
        Assert.Contains("bob: 300", failure.Message);
    }

    [Fact]
    public async Task A_wrong_measure_fails_showing_expected_and_actual_values()
    {
        await OpenAccounts(("alice", 700), ("bob", 300));

        var failure = await Assert.ThrowsAnyAsync<XunitException>(() =>
            this.AssertSnapshotAsync(Account.Money, 1001, "total money", Account.Group));

        Assert.Contains("total money: expected 1001, but the snapshot holds 1000 (-1)", failure.Message);
        Assert.Contains("alice: 700", failure.Message);
    }

    [Fact]
    public async Task A_state_that_prints_with_braces_reaches_the_message_unchanged()
    {
        Sys.ActorOf(Props.Create(() => new Vault()), "vault");
        await AwaitAssertAsync(async () => Assert.Single(await GlobalSnapshots.Get(Sys).ParticipantsAsync(Vault.Group)));

        var failure = await Assert.ThrowsAnyAsync<XunitException>(() =>
            this.AssertSnapshotAsync(_ => false, "never", Vault.Group));

        Assert.Contains("vault: Gold { Bars = 3 }", failure.Message);
    }

    private async Task<IActorRef[]> OpenAccounts(params (string Name, long Balance)[] openings)
    {
        var accounts = openings.Select(o => Sys.ActorOf(Props.Create(() => new Account(o.Balance)), o.Name)).ToArray();
        await AwaitAssertAsync(async () => Assert.Equal(accounts.Length, (await GlobalSnapshots.Get(Sys).ParticipantsAsync(Account.Group)).Count));
        return accounts;
    }

    private sealed record Gold(int Bars);

    /// <summary>A participant whose state is a record, whose text holds the braces a format string would choke on.</summary>
    private sealed class Vault() : SnapshotReceiveActor(Group)
    {
        public const string Group = "vault";

        protected override object CaptureState() => new Gold(3);
    }
}
