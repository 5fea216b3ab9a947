using Akka.Actor;
using Akka.TestKit.Xunit2;
using Snapshot.Storage;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests.Storage;

/// <summary>
/// A local file store whose files were damaged, deleted or left half-changed by a crash: every readable snapshot
/// stays listed and readable, what cannot be read is named by its file, and no id is given out twice.
/// </summary>
public sealed class DamagedStoreSpec : TestKit
{
    private readonly StoreDirectory _store;

    public DamagedStoreSpec(ITestOutputHelper output) : this(new StoreDirectory(), output)
    {
    }

    private DamagedStoreSpec(StoreDirectory store, ITestOutputHelper output) : base(store.Config(), output: output) => _store = store;

    private GlobalSnapshotStorage Storage => GlobalSnapshotStorage.Get(Sys);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _store.Dispose();
    }

    public static TheoryData<string> CatalogDamage => ["deleted", "empty", "random bytes", "cut short"];

    [Theory]
    [MemberData(nameof(CatalogDamage))]
    public async Task Without_a_readable_catalog_every_snapshot_present_is_listed_again_and_the_next_save_takes_a_new_id(string damage)
    {
        var saved = await SaveThreeAsync();
        foreach (var file in CatalogFiles())
            Damage(file, damage);

        var check = await Storage.CheckAsync();

        Assert.Equal(saved, check.Readable);
        Assert.Equal(saved, await Storage.ListAsync());
        if (damage == "deleted")
        {
            Assert.Empty(check.Damaged);
        }
        else
        {
            var catalog = Assert.Single(check.Damaged);
            Assert.Null(catalog.Id);
            Assert.Equal(CatalogFiles().Max(), catalog.Location);
            Assert.EndsWith("the catalog was rebuilt from the snapshots present", catalog.Problem);
        }
        Assert.Equal(4, (await Storage.SaveAsync(Snapshot("after"))).Id);
        Assert.Equal([1L, 2L, 3L, 4L], (await Storage.ListAsync()).Select(s => s.Id));
        Assert.Equal("1", (await Storage.LoadAsync(1)).Processes[0].State);
        Assert.Empty((await Storage.CheckAsync()).Damaged);
    }

    [Fact]
    public async Task A_snapshot_saved_after_the_catalog_was_last_written_is_listed_from_its_own_record()
    {
        var saved = await SaveThreeAsync();
        // As a crash after writing snapshot 3 and before writing the catalog that lists it leaves the store.
        File.Delete(CatalogFiles().Max()!);

        Assert.Equal(saved, await Storage.ListAsync());
        Assert.Empty((await Storage.CheckAsync()).Damaged);
        Assert.Equal(4, (await Storage.SaveAsync(Snapshot("after"))).Id);
        Assert.Equal("3", (await Storage.LoadAsync(3)).Processes[0].State);
    }

    [Fact]
    public async Task A_snapshot_the_catalog_deleted_stays_deleted_though_its_file_was_left_and_the_next_change_removes_it()
    {
        await SaveThreeAsync();
        var file = DataFile(2);
        var bytes = await File.ReadAllBytesAsync(file);
        await Storage.DeleteAsync(2);
        // As a crash after writing the catalog without 2 and before removing its file leaves the store.
        await File.WriteAllBytesAsync(file, bytes);

        Assert.Equal([1L, 3L], (await Storage.ListAsync()).Select(s => s.Id));
        Assert.Equal(4, (await Storage.SaveAsync(Snapshot("after"))).Id);
        Assert.False(File.Exists(file));
    }

    public static TheoryData<string> SnapshotDamage => ["empty", "random bytes", "cut short", "one digit changed"];

    [Theory]
    [MemberData(nameof(SnapshotDamage))]
    public async Task A_damaged_snapshot_is_named_by_its_file_and_every_other_stays_listed_and_readable(string damage)
    {
        var saved = await SaveThreeAsync();
        var file = DataFile(2);
        Damage(file, damage);

        var check = await Storage.CheckAsync();
        var load = await Assert.ThrowsAsync<SnapshotStorageException>(() => Storage.LoadAsync(2));

        Assert.Equal([saved[0], saved[2]], check.Readable);
        var damaged = Assert.Single(check.Damaged);
        Assert.Equal((2L, file), (damaged.Id, damaged.Location));
        Assert.StartsWith($"cannot read stored snapshot 2 ({file}): ", load.Message);
        if (damage == "one digit changed")
            Assert.EndsWith("fails its checksum: it was changed after it was written", load.Message);
        Assert.Equal("3", (await Storage.LoadAsync(3)).Processes[0].State);
        Assert.Equal(4, (await Storage.SaveAsync(Snapshot("after"))).Id);
    }

    [Fact]
    public async Task A_listed_snapshot_whose_file_is_missing_is_named_not_listed_and_not_reported_as_never_stored()
    {
        var saved = await SaveThreeAsync();
        File.Delete(DataFile(2));

        var check = await Storage.CheckAsync();
        var load = await Assert.ThrowsAsync<SnapshotStorageException>(() => Storage.LoadAsync(2));

        Assert.Equal([saved[0], saved[2]], check.Readable);
        Assert.Equal([saved[0], saved[2]], await Storage.ListAsync());
        var missing = Assert.Single(check.Damaged);
        Assert.Equal($"snapshot 2 ({Path.Combine(_store.Root, "snapshot-global-snapshots-2-1-*")}): the catalog lists it, but its file is missing", missing.ToString());
        Assert.Equal($"cannot read stored {missing}", load.Message);
        Assert.IsNotType<StoredSnapshotNotFoundException>(load);
        Assert.Equal(4, (await Storage.SaveAsync(Snapshot("after"))).Id);
    }

    [Fact]
    public async Task Ids_pass_every_id_a_file_names_even_with_the_catalog_gone_and_the_newest_snapshot_damaged()
    {
        await SaveThreeAsync();
        foreach (var file in CatalogFiles())
            File.Delete(file);
        Damage(DataFile(3), "random bytes");
        // A save the store never finished, under an id the catalog never listed.
        File.WriteAllBytes(Path.Combine(_store.Root, "snapshot-global-snapshots-7-1-638000000000000000.tmp"), [1, 2]);

        Assert.Equal(8, (await Storage.SaveAsync(Snapshot("after"))).Id);
        Assert.Equal([1L, 2L, 8L], (await Storage.CheckAsync()).Readable.Select(s => s.Id));
    }

    [Fact]
    public async Task Reading_a_store_whose_folder_does_not_exist_lists_nothing_and_creates_nothing()
    {
        Assert.Empty(await Storage.ListAsync());
        Assert.Empty((await Storage.CheckAsync()).Readable);
        await Assert.ThrowsAsync<StoredSnapshotNotFoundException>(() => Storage.LoadAsync(1));

        Assert.False(Directory.Exists(_store.Root));
    }

    [Fact]
    public async Task A_store_folder_that_is_a_file_is_an_error_naming_it_and_the_setting()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_store.Root)!);
        await File.WriteAllTextAsync(_store.Root, "not a folder");
        try
        {
            var error = await Assert.ThrowsAsync<SnapshotStorageException>(() => Storage.SaveAsync(Snapshot("1")));
            Assert.Equal($"the local snapshot store's folder {_store.Root} is a file, not a folder (akka.persistence.snapshot-store.local.dir)", error.Message);
            await Assert.ThrowsAsync<SnapshotStorageException>(() => Storage.ListAsync());
        }
        finally
        {
            File.Delete(_store.Root);
        }
    }

    private async Task<StoredSnapshotInfo[]> SaveThreeAsync() =>
    [
        await Storage.SaveAsync(Snapshot("1")),
        await Storage.SaveAsync(Snapshot("2"), periodic: true, CancellationToken.None),
        await Storage.SaveAsync(Snapshot("3")),
    ];

    /// <summary>A snapshot of one participant whose state is <paramref name="state"/>.</summary>
    private GlobalSnapshot Snapshot(string state)
    {
        var started = new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero).AddSeconds(state.Length);
        return new GlobalSnapshot(1, "bank", null, [new ProcessState(TestActor, state, [])], [new ChannelState(TestActor, TestActor, ["m"])], 1, started, started.AddMilliseconds(5));
    }

    private string[] CatalogFiles() =>
        [.. Directory.GetFiles(_store.Root, "snapshot-global-snapshots-*").Where(f => Path.GetFileName(f).Split('-').Length == 5).Order()];

    private string DataFile(long id) => Assert.Single(Directory.GetFiles(_store.Root, $"snapshot-global-snapshots-{id}-1-*"));

    private static void Damage(string file, string how)
    {
        var bytes = File.ReadAllBytes(file);
        switch (how)
        {
            case "deleted":
                File.Delete(file);
                break;
            case "empty":
                File.WriteAllBytes(file, []);
                break;
            case "random bytes":
                File.WriteAllBytes(file, [.. Enumerable.Range(0, bytes.Length).Select(i => (byte)(i * 37 + 11))]);
                break;
            case "cut short":
                File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);
                break;
            case "one digit changed":
                // The state "2" as JSON (Akka's default serializer for a string), in the middle of the file: a digit a user could have edited.
                var at = bytes.AsSpan().IndexOf("\"2\""u8) + 1;
                Assert.True(at > 0, "the state is not in the file");
                bytes[at] = (byte)'5';
                File.WriteAllBytes(file, bytes);
                break;
        }
    }
}
