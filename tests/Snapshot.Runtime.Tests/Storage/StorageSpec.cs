using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence.Sql;
using Snapshot.Runtime.Tests.Stash;
using Snapshot.Runtime.Tests.Support;
using Snapshot.Storage;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests.Storage;

/// <summary>
/// Snapshots stored through the default Akka.Persistence snapshot store (the local file store, in a directory of the
/// test's own) and read back by another ActorSystem on the same directory, as a process started later would. The
/// snapshots are taken with a marker per channel and with stamped mailboxes alike.
/// </summary>
public abstract class StorageSpec : SnapshotSpec
{
    private const string Group = "vaults";

    private readonly StoreDirectory _store;

    private StorageSpec(SnapshotProtocol protocol, ITestOutputHelper output) : this(protocol, new StoreDirectory(), output)
    {
    }

    private StorageSpec(SnapshotProtocol protocol, StoreDirectory store, ITestOutputHelper output) : base(protocol, store.Config().ToString(), output) =>
        _store = store;

    public sealed class WithMarkers(ITestOutputHelper output) : StorageSpec(SnapshotProtocol.Markers, output);

    public sealed class Stamped(ITestOutputHelper output) : StorageSpec(SnapshotProtocol.Stamped, output);

    private GlobalSnapshotStorage Storage => GlobalSnapshotStorage.Get(Sys);

    [Fact]
    public async Task A_stored_snapshot_survives_its_ActorSystem_and_reads_back_identical_in_a_new_one()
    {
        var taken = await TakeWithStashAndChannelAsync();
        var stored = await Storage.SaveAsync(taken);
        await Sys.Terminate();

        await WithSystemAsync(Sys.Name, _store.Config(), async reader =>
        {
            var storage = GlobalSnapshotStorage.Get(reader);
            var listed = Assert.Single(await storage.ListAsync());
            Assert.Equal(new StoredSnapshotInfo(1, Group, 2, 2, taken.StartedAt, taken.CompletedAt, Periodic: false), listed);
            Assert.Equal(stored, listed);
            StoredAssert.Identical(taken, await storage.LoadAsync(1));
        });
    }

    [Fact]
    public async Task Ids_count_up_from_1_are_never_reused_and_list_filters_by_group()
    {
        var taken = await TakeWithStashAndChannelAsync();
        Assert.Equal(1, (await Storage.SaveAsync(taken)).Id);
        Assert.Equal(2, (await Storage.SaveAsync(taken with { Group = "other" })).Id);
        await Storage.DeleteAsync(2);
        Assert.Equal(3, (await Storage.SaveAsync(taken with { Group = "other" })).Id);

        Assert.Equal([1L, 3L], (await Storage.ListAsync()).Select(s => s.Id));
        Assert.Equal([3L], (await Storage.ListAsync("other")).Select(s => s.Id));
        Assert.Empty(await Storage.ListAsync("none"));
        var error = await Assert.ThrowsAsync<StoredSnapshotNotFoundException>(() => Storage.LoadAsync(2));
        Assert.Equal("snapshot 2 is not in the store", error.Message);
        await Assert.ThrowsAsync<StoredSnapshotNotFoundException>(() => Storage.DeleteAsync(2));
    }

    [Fact]
    public async Task Pruning_keeps_the_last_keep_last_periodic_snapshots_of_the_group_and_every_other()
    {
        var taken = await TakeWithStashAndChannelAsync();
        await Storage.SaveAsync(taken); // 1: stored by hand, kept
        for (var i = 0; i < 4; i++)
            await Storage.SaveAsync(taken, periodic: true, CancellationToken.None); // 2, 3, 4, 5
        await Storage.SaveAsync(taken with { Group = "other" }, periodic: true, CancellationToken.None); // 6: another group

        Assert.Equal([2L, 3L], await Storage.PruneAsync(Group, CancellationToken.None)); // keep-last = 2 in this spec

        Assert.Equal([1L, 4L, 5L, 6L], (await Storage.ListAsync()).Select(s => s.Id));
        await Assert.ThrowsAsync<StoredSnapshotNotFoundException>(() => Storage.LoadAsync(2));
        StoredAssert.Identical(taken, await Storage.LoadAsync(5));
        Assert.Empty(await Storage.PruneAsync(Group, CancellationToken.None));
    }

    [Fact]
    public async Task A_state_that_cannot_be_serialized_fails_the_save_naming_it_and_loses_nothing_stored_before()
    {
        var taken = await TakeWithStashAndChannelAsync();
        await Storage.SaveAsync(taken);
        var vault = taken.Processes[1];
        var unserializable = taken with { Processes = [taken.Processes[0], vault with { State = new Unserializable() }] };

        var error = await Assert.ThrowsAsync<SnapshotStorageException>(() => Storage.SaveAsync(unserializable));

        Assert.StartsWith(
            $"cannot store snapshot {taken.Id} of group '{Group}': the state of {vault.Participant.Path} ({typeof(Unserializable).FullName}) cannot be serialized: ",
            error.Message);
        Assert.Equal([1L], (await Storage.ListAsync()).Select(s => s.Id));
        StoredAssert.Identical(taken, await Storage.LoadAsync(1));
        Assert.Equal(2, (await Storage.SaveAsync(taken)).Id);
    }

    [Fact]
    public async Task A_save_the_store_fails_is_an_error_naming_the_store_and_loses_nothing_stored_before()
    {
        var taken = await TakeWithStashAndChannelAsync();
        await WithSystemAsync("failing", FailingSnapshotStore.Config, async system =>
        {
            var storage = GlobalSnapshotStorage.Get(system);
            await storage.SaveAsync(taken);

            var error = await Assert.ThrowsAsync<SnapshotStorageException>(() => storage.SaveAsync(taken));

            Assert.Equal("the snapshot store akka://failing/system/akka.persistence.snapshot-store.failing failed saving global-snapshots-2 #1: disk full", error.Message);
            Assert.Equal([1L], (await storage.ListAsync()).Select(s => s.Id));
            StoredAssert.Identical(taken, await storage.LoadAsync(1));
        });
    }

    [Fact]
    public async Task A_snapshot_stored_in_a_newer_format_is_refused_naming_the_format_and_the_others_still_read()
    {
        var taken = await TakeWithStashAndChannelAsync();
        await Storage.SaveAsync(taken);
        await WithSystemAsync("newer", NewerFormatSerializer.Config.WithFallback(_store.Config()), newer => GlobalSnapshotStorage.Get(newer).SaveAsync(taken));

        var error = await Assert.ThrowsAsync<SnapshotStorageException>(() => Storage.LoadAsync(2));

        var file = Assert.Single(Directory.GetFiles(_store.Root, "snapshot-global-snapshots-2-1-*"));
        Assert.Equal(
            $"cannot read stored snapshot 2 ({file}): the snapshot store akka://test/system/akka.persistence.snapshot-store.local failed loading global-snapshots-2: "
            + "Stored snapshot format [S9] is not one this version of the Snapshot library reads (S1 to S3 for snapshots, C1 and C2 for the catalog): was it stored by a newer version?",
            error.Message);
        Assert.Equal([1L, 2L], (await Storage.ListAsync()).Select(s => s.Id));
        StoredAssert.Identical(taken, await Storage.LoadAsync(1));
    }

    [Fact]
    public async Task Another_plugin_named_by_storage_plugin_stores_them_instead_of_the_default_store()
    {
        var taken = await TakeWithStashAndChannelAsync();
        await WithSystemAsync("inmem", ConfigurationFactory.ParseString("akka.snapshot.storage-plugin = \"akka.persistence.snapshot-store.inmem\"").WithFallback(_store.Config()), async system =>
        {
            var storage = GlobalSnapshotStorage.Get(system);
            Assert.Equal(1, (await storage.SaveAsync(taken)).Id);
            StoredAssert.Identical(taken, await storage.LoadAsync(1));
            Assert.False(Directory.Exists(_store.Root), "the default store, the local file store, should not have been used");
        });
    }

    [Fact]
    public async Task Akka_Persistence_Sql_on_SQLite_stores_them_and_a_new_ActorSystem_reads_them_back_identical()
    {
        var taken = await TakeWithStashAndChannelAsync();
        var database = ConfigurationFactory.ParseString($$"""
            akka.snapshot.storage-plugin = "akka.persistence.snapshot-store.sql"
            akka.persistence.snapshot-store.sql {
              connection-string = "Data Source={{Path.Combine(_store.Root, "snapshots.db")}}"
              provider-name = "SQLite.MS"
              auto-initialize = on
            }
            """).WithFallback(SqlPersistence.DefaultConfiguration);
        Directory.CreateDirectory(_store.Root);

        await WithSystemAsync("sql", database, async writer =>
        {
            Assert.Equal(1, (await GlobalSnapshotStorage.Get(writer).SaveAsync(taken)).Id);
            Assert.Equal(2, (await GlobalSnapshotStorage.Get(writer).SaveAsync(taken with { Group = "other" })).Id);
        });
        Assert.Equal(["snapshots.db"], Directory.GetFiles(_store.Root).Select(Path.GetFileName));

        await WithSystemAsync("sql", database, async reader =>
        {
            var storage = GlobalSnapshotStorage.Get(reader);
            Assert.Equal([(1L, Group), (2L, "other")], (await storage.ListAsync()).Select(s => (s.Id, s.Group)));
            StoredAssert.Identical(taken, await storage.LoadAsync(1));
        });
    }

    [Fact]
    public async Task A_plugin_Akka_Persistence_cannot_start_is_an_error_naming_it_and_the_setting()
    {
        var noClass = ConfigurationFactory.ParseString("akka.snapshot.storage-plugin = \"my-store\"\nmy-store { dir = x }").WithFallback(_store.Config());

        await WithSystemAsync("broken", noClass, async system =>
        {
            var error = await Assert.ThrowsAsync<SnapshotStorageException>(() => GlobalSnapshotStorage.Get(system).ListAsync());
            Assert.Equal("cannot start the snapshot store 'my-store' (akka.snapshot.storage-plugin): Plugin class name must be defined in config property [my-store.class]", error.Message);
        });
    }

    [Fact]
    public async Task Periodic_snapshots_are_stored_every_interval_and_the_oldest_deleted_beyond_keep_last()
    {
        var periodic = ConfigurationFactory.ParseString("akka.snapshot { interval = 50ms, periodic-group = \"vaults\" }").WithFallback(_store.Config());
        await WithSystemAsync("periodic", SystemConfig(periodic), async system =>
        {
            var a = system.ActorOf(NodeProps(Group), "a");
            system.ActorOf(NodeProps(Group), "b");
            await GlobalSnapshots.Get(system).WaitForLocalParticipantsAsync(2, Group);
            AssertRunsProtocol(a);
            var storage = GlobalSnapshotStorage.Get(system);

            // Three stored and the first deleted at least: keep-last = 2 leaves two, neither of them the first.
            await AwaitAssertAsync(async () =>
            {
                var stored = await storage.ListAsync();
                Assert.Equal(2, stored.Count);
                Assert.All(stored, s => Assert.True(s is { Id: >= 2, Periodic: true, Group: Group, Participants: 2 }, s.ToString()));
            }, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(20));
            await Assert.ThrowsAsync<StoredSnapshotNotFoundException>(() => storage.LoadAsync(1));
        });
    }

    /// <summary>Runs <paramref name="use"/> with an ActorSystem of its own, terminated afterwards.</summary>
    private static async Task WithSystemAsync(string name, Config config, Func<ActorSystem, Task> use)
    {
        var system = ActorSystem.Create(name, config);
        try
        {
            await use(system);
        }
        finally
        {
            await system.Terminate();
        }
    }

    protected override void AfterAll()
    {
        base.AfterAll();
        _store.Dispose();
    }

    /// <summary>
    /// A snapshot with something everywhere: the payer's state 40, the vault's 100 with a credit of 30 in its stash,
    /// and two credits (20, then 10) in flight on the channel payer → vault, started by the vault.
    /// </summary>
    private async Task<GlobalSnapshot> TakeWithStashAndChannelAsync()
    {
        using var gate = new Gate();
        var payer = await NodeAsync(Group, "payer");
        var vault = await JoinAsync(Group, Vault.Props(Group), "vault");
        payer.Tell(new PayTo(vault, 30, "stashed"));
        await AwaitAssertAsync(async () => Assert.Equal(1, (await vault.Ask<Pong>(new Ping(), RemainingOrDefault)).Stashed));
        await BlockAsync(vault, gate);
        var snapshot = Snapshots.TakeAsync(Group, initiator: vault);
        await AwaitMailboxAsync(vault, 1);
        payer.Tell(new PayTo(vault, 20, "first"));
        payer.Tell(new PayTo(vault, 10, "second"));
        await AwaitMailboxAsync(vault, 3); // [Initiate, Credit(20), Credit(10)]: recorded on payer → vault
        gate.Open();

        var taken = await snapshot;
        Assert.Equal([new Credit(30, "stashed")], taken.Processes[1].Stashed);
        Assert.Equal([new Credit(20, "first"), new Credit(10, "second")], taken.MessagesOn(payer, vault));
        Assert.Equal(40L, StateOf(taken, payer));
        return taken;
    }

    /// <summary>A state the default JSON serializer cannot write: reading its value throws.</summary>
    public sealed class Unserializable
    {
        public int Value => throw new InvalidOperationException("this state cannot be read");
    }
}
