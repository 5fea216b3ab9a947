using System.Text.Json;
using Akka.Actor;
using Akka.Configuration;
using Snapshot.Cli.Bank;
using Snapshot.Runtime;
using Snapshot.Storage;

namespace Snapshot.Tests.Cli;

/// <summary>
/// <c>snapshot demo --restore</c> and <c>--restore-from ID|latest</c> on snapshots stored by an ActorSystem that has terminated
/// before the command runs; what <c>--restore-from</c> names is checked before any node starts.
/// </summary>
public sealed class DemoRestoreFromTests : IDisposable
{
    private static readonly DateTimeOffset TakenAt = new(2026, 11, 25, 18, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _files = new();

    private string Store => _files.PathOf("snapshots");

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Accounts_that_two_nodes_named_alike_are_all_restored_onto_one_node_with_their_money()
    {
        await StoreAsync(system => BankOfTwoNodes(system, inFlight: 50));

        var run = CliRun.Of("demo", "--restore-from", "1", "--store", Store, "--nodes", "1", "--duration", "1s", "--interval", "250ms", "--json");

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}:\n{run.Output}\n{run.Error}");
        var root = JsonDocument.Parse(run.Output).RootElement;
        var (checkpoint, restored) = (root.GetProperty("checkpoint"), root.GetProperty("restored"));
        Assert.Equal((4, 2, 4_000L, 50L), (checkpoint.GetProperty("participants").GetInt32(), checkpoint.GetProperty("nodes").GetInt32(),
            checkpoint.GetProperty("total").GetInt64(), checkpoint.GetProperty("in_flight_total").GetInt64()));
        Assert.Equal((4, 1, 4_000L, 0L), (restored.GetProperty("participants").GetInt32(), restored.GetProperty("nodes").GetInt32(),
            restored.GetProperty("accounts_total").GetInt64(), restored.GetProperty("in_flight_total").GetInt64()));
        Assert.Equal(2, root.GetProperty("replayed_messages").GetInt32());
        Assert.Equal(4, root.GetProperty("exact_accounts").GetInt32());
        Assert.True(root.GetProperty("succeeded").GetBoolean());
    }

    [Fact]
    public async Task Latest_restores_the_newest_stored_snapshot_of_the_bank()
    {
        await StoreAsync(system => BankOfTwoNodes(system, inFlight: 50));
        await StoreAsync(system => BankOfTwoNodes(system, inFlight: 70));
        await StoreAsync(system => BankOfTwoNodes(system, inFlight: 90) with { Group = "orders" });

        var run = CliRun.Of("demo", "--restore-from", "latest", "--store", Store, "--nodes", "1", "--duration", "1s", "--interval", "250ms", "--json");

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}:\n{run.Output}\n{run.Error}");
        var root = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal(2, root.GetProperty("stored_id").GetInt64());
        Assert.Equal(70, root.GetProperty("checkpoint").GetProperty("in_flight_total").GetInt64());
        Assert.True(root.GetProperty("succeeded").GetBoolean());
    }

    /// <summary>
    /// The README's order: nodes with periodic snapshots filled the store ("Storing snapshots"), then <c>demo --restore</c>
    /// stores its checkpoint after theirs and says which it is, and <c>demo --restore-from latest</c> restores that one
    /// again in a new run, onto fewer nodes, with the same money, account by account.
    /// </summary>
    [Fact]
    public async Task After_other_snapshots_restore_says_its_checkpoints_id_and_latest_restores_it_again()
    {
        await StoreAsync(system => BankOfTwoNodes(system, inFlight: 50));
        await StoreAsync(system => BankOfTwoNodes(system, inFlight: 70));

        var run = CliRun.Of("demo", "--restore", "--store", Store, "--duration", "1s", "--interval", "250ms", "--accounts", "9", "--seed", "3");

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}:\n{run.Output}\n{run.Error}");
        Assert.Contains($"the checkpoint is snapshot 3 in {Store}; to restore it again:\n  snapshot demo --restore-from 3 --store {Store}\n", run.Output.ReplaceLineEndings("\n"));

        var again = CliRun.Of("demo", "--restore-from", "latest", "--store", Store, "--nodes", "2", "--duration", "1s", "--interval", "250ms", "--json");

        Assert.True(again.ExitCode == 0, $"exit code {again.ExitCode}:\n{again.Output}\n{again.Error}");
        var root = JsonDocument.Parse(again.Output).RootElement;
        Assert.Equal(3, root.GetProperty("stored_id").GetInt64());
        var checkpoint = root.GetProperty("checkpoint");
        var restored = root.GetProperty("restored");
        Assert.Equal((9, 3, 9_000L), (checkpoint.GetProperty("participants").GetInt32(), checkpoint.GetProperty("nodes").GetInt32(), checkpoint.GetProperty("total").GetInt64()));
        Assert.True(checkpoint.GetProperty("in_flight_total").GetInt64() > 0, "the checkpoint caught no money in flight, so nothing was replayed");
        Assert.Equal(checkpoint.GetProperty("recorded_messages").GetInt32(), root.GetProperty("replayed_messages").GetInt32());
        Assert.Equal((9, 2, 9_000L, 0L), (restored.GetProperty("participants").GetInt32(), restored.GetProperty("nodes").GetInt32(),
            restored.GetProperty("accounts_total").GetInt64(), restored.GetProperty("in_flight_total").GetInt64()));
        Assert.Equal(9, root.GetProperty("exact_accounts").GetInt32());
        var after = root.GetProperty("after_restore");
        Assert.InRange(after.GetProperty("snapshots").GetArrayLength(), 2, 4);
        Assert.All(after.GetProperty("snapshots").EnumerateArray(), s => Assert.Equal(9_000, s.GetProperty("total").GetInt64()));
        Assert.True(root.GetProperty("succeeded").GetBoolean());
    }

    [Fact]
    public async Task A_stored_snapshot_of_another_group_is_one_error_line_before_any_node_starts()
    {
        await StoreAsync(system => BankOfTwoNodes(system, inFlight: 50) with { Group = "orders" });

        var run = CliRun.Of("demo", "--restore-from", "1", "--store", Store);

        Assert.Equal($"snapshot 1 in {Store} is of group 'orders', not of the demo's bank accounts", run.AssertBadInput("--restore-from", null));
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void An_id_the_store_does_not_hold_is_one_error_line_naming_the_id_and_the_store_before_any_node_starts()
    {
        var run = CliRun.Of("demo", "--restore-from", "7", "--store", Store);

        Assert.Equal($"snapshot 7 is not in the snapshot store {Store} ('snapshot list' shows those that are)", run.AssertBadInput("--restore-from", null));
        Assert.Equal("", run.Output);
    }

    [Fact]
    public async Task Latest_in_a_store_without_the_banks_snapshots_is_one_error_line_before_any_node_starts()
    {
        await StoreAsync(system => BankOfTwoNodes(system, inFlight: 50) with { Group = "orders" });

        var run = CliRun.Of("demo", "--restore-from", "latest", "--store", Store);

        Assert.Equal($"the snapshot store {Store} holds no snapshot of group 'bank' ('demo --restore' stores one)", run.AssertBadInput("--restore-from", null));
        Assert.Equal("", run.Output);
    }

    [Theory]
    [InlineData("seven")]
    [InlineData("0")]
    [InlineData("1.5")]
    public void A_value_that_is_neither_an_id_nor_latest_is_one_error_line(string value)
    {
        var run = CliRun.Of("demo", "--restore-from", value, "--store", Store);

        Assert.Equal($"'{value}' is neither a stored snapshot's id (1, 2, …) nor 'latest'", run.AssertBadInput("--restore-from", null));
        Assert.Equal("", run.Output);
    }

    /// <summary>Stores the snapshot <paramref name="take"/> builds, from an ActorSystem with remoting whose refs keep their nodes' addresses.</summary>
    private async Task StoreAsync(Func<ActorSystem, GlobalSnapshot> take)
    {
        var system = ActorSystem.Create("snapshot", ConfigurationFactory.ParseString($$"""
            akka.actor.provider = remote
            akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
            akka.persistence.snapshot-store.local.dir = {{JsonSerializer.Serialize(Store)}}
            """));
        try
        {
            await GlobalSnapshotStorage.Get(system).SaveAsync(take(system));
        }
        finally
        {
            await system.Terminate();
        }
    }

    /// <summary>
    /// Two nodes that each named their accounts account-0 and account-1, as <c>snapshot node</c> does, with $1000 each
    /// at opening: <paramref name="inFlight"/> on its way from the first node's account-0 to the second's, and 20 in the
    /// second's account-0's stash.
    /// </summary>
    private static GlobalSnapshot BankOfTwoNodes(ActorSystem system, int inFlight)
    {
        IActorRef Account(int port, int n) => ((ExtendedActorSystem)system).Provider.ResolveActorRef($"akka.tcp://snapshot@127.0.0.1:{port}/user/account-{n}");
        var (a0, a1, b0, b1) = (Account(4991, 0), Account(4991, 1), Account(4992, 0), Account(4992, 1));
        IActorRef[] accounts = [a0, a1, b0, b1];
        return new GlobalSnapshot(
            3,
            BankAccount.Group,
            null,
            [
                new ProcessState(a0, new AccountState(1000 - inFlight, 1000), []),
                new ProcessState(a1, new AccountState(1000, 1000), []),
                new ProcessState(b0, new AccountState(980, 1000), [new Transfer(20)]),
                new ProcessState(b1, new AccountState(1000, 1000), []),
            ],
            [new ChannelState(a0, b0, [new Transfer(inFlight)])],
            accounts.Length * accounts.Length,
            TakenAt,
            TakenAt.AddMilliseconds(12.5));
    }
}
