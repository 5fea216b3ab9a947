using System.Text.Json;
using Akka.Actor;
using Akka.Configuration;
using Snapshot.Cli.Bank;
using Snapshot.Runtime;
using Snapshot.Storage;

namespace Snapshot.Tests.Cli;

/// <summary><c>snapshot demo --restore-from ID</c> on snapshots stored by an ActorSystem that has terminated before the command runs.</summary>
public sealed class DemoRestoreFromTests : IDisposable
{
    private static readonly DateTimeOffset TakenAt = new(2026, 11, 25, 18, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _files = new();

    private string Store => _files.PathOf("snapshots");

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Accounts_that_two_nodes_named_alike_are_all_restored_onto_one_node_with_their_money()
    {
        await StoreAsync(BankOfTwoNodes);

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
    public async Task A_stored_snapshot_of_another_group_is_one_error_line_naming_the_option()
    {
        await StoreAsync(system => BankOfTwoNodes(system) with { Group = "orders" });

        var run = CliRun.Of("demo", "--restore-from", "1", "--store", Store, "--json");

        Assert.Equal($"snapshot 1 in {Store} is of group 'orders', not of the demo's bank accounts", run.AssertBadInput("--restore-from", null));
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void An_id_the_store_does_not_hold_is_one_error_line_naming_the_id_and_the_store()
    {
        var run = CliRun.Of("demo", "--restore-from", "7", "--store", Store, "--json");

        Assert.Equal($"snapshot 7 is not in the snapshot store {Store} ('snapshot list' shows those that are)", run.AssertBadInput("--restore-from", null));
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
    /// at opening: 50 in flight from the first node's account-0 to the second's, and 20 in the second's account-0's stash.
    /// </summary>
    private static GlobalSnapshot BankOfTwoNodes(ActorSystem system)
    {
        IActorRef Account(int port, int n) => ((ExtendedActorSystem)system).Provider.ResolveActorRef($"akka.tcp://snapshot@127.0.0.1:{port}/user/account-{n}");
        var (a0, a1, b0, b1) = (Account(4991, 0), Account(4991, 1), Account(4992, 0), Account(4992, 1));
        IActorRef[] accounts = [a0, a1, b0, b1];
        return new GlobalSnapshot(
            3,
            BankAccount.Group,
            null,
            [
                new ProcessState(a0, new AccountState(950, 1000), []),
                new ProcessState(a1, new AccountState(1000, 1000), []),
                new ProcessState(b0, new AccountState(980, 1000), [new Transfer(20)]),
                new ProcessState(b1, new AccountState(1000, 1000), []),
            ],
            [new ChannelState(a0, b0, [new Transfer(50)])],
            accounts.Length * accounts.Length,
            TakenAt,
            TakenAt.AddMilliseconds(12.5));
    }
}
