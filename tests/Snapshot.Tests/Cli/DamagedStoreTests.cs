using System.Text.Json;
using Akka.Actor;
using Akka.Configuration;
using Snapshot.Cli.Bank;
using Snapshot.Runtime;
using Snapshot.Storage;

namespace Snapshot.Tests.Cli;

/// <summary>
/// The CLI on a local store whose files were deleted, emptied or damaged: <c>demo --restore</c> never overwrites or
/// orphans what the store holds, <c>list</c> and <c>show</c> name what cannot be read in one line each (exit code 1)
/// and read the rest, reading never creates the store's folder, and a folder that cannot be used is named up front.
/// </summary>
public sealed class DamagedStoreTests : IDisposable
{
    private static readonly DateTimeOffset TakenAt = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _files = new();
    private readonly string _config;

    public DamagedStoreTests() =>
        _config = _files.Write("store.conf", $"akka.persistence.snapshot-store.local.dir = {JsonSerializer.Serialize(Store)}\n");

    private string Store => _files.PathOf("snapshots");

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("deleted")]
    [InlineData("empty")]
    public async Task Restore_with_the_catalog_deleted_or_empty_stores_its_checkpoint_under_a_new_id_and_keeps_every_snapshot(string damage)
    {
        await StoreThreeAsync();
        var before = DataFiles().ToDictionary(f => f, File.ReadAllBytes);
        foreach (var catalog in CatalogFiles())
        {
            if (damage == "deleted")
                File.Delete(catalog);
            else
                File.WriteAllBytes(catalog, []);
        }

        var run = CliRun.Of("demo", "--restore", "--store", Store, "--duration", "1s", "--interval", "250ms", "--accounts", "6", "--seed", "3");

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}:\n{run.Output}\n{run.Error}");
        Assert.Contains($"the checkpoint is snapshot 4 in {Store}", run.Output);
        Assert.All(before, file => Assert.Equal(file.Value, File.ReadAllBytes(file.Key)));
        var list = CliRun.Of("list", "--config", _config, "--json");
        Assert.True(list.ExitCode == 0, $"exit code {list.ExitCode}:\n{list.Error}");
        Assert.Equal([1L, 2L, 3L, 4L], Ids(list.Output));
    }

    [Theory]
    [InlineData("random bytes")]
    [InlineData("cut short")]
    public async Task A_damaged_snapshot_file_is_one_error_line_naming_it_exit_code_1_and_every_other_stays_listed_and_readable(string damage)
    {
        await StoreThreeAsync();
        var file = DataFile(2);
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, damage == "cut short" ? bytes[..(bytes.Length / 2)] : [.. bytes.Select((_, i) => (byte)(i * 53 + 7))]);

        var list = CliRun.Of("list", "--config", _config);
        var json = CliRun.Of("list", "--config", _config, "--json");
        var show = CliRun.Of("show", "2", "--config", _config);

        Assert.Equal(1, list.ExitCode);
        Assert.StartsWith($"error: snapshot 2 ({file}): ", OneLine(list.Error));
        Assert.Contains("2 snapshots stored", list.Output);
        Assert.Equal([1L, 3L], Ids(json.Output));
        var damaged = Assert.Single(JsonDocument.Parse(json.Output).RootElement.GetProperty("damaged").EnumerateArray());
        Assert.Equal((2L, file), (damaged.GetProperty("id").GetInt64(), damaged.GetProperty("location").GetString()));
        Assert.Equal(1, show.ExitCode);
        Assert.StartsWith($"error: cannot read stored snapshot 2 ({file}): ", OneLine(show.Error));
        Assert.Equal(0, CliRun.Of("show", "3", "--config", _config).ExitCode);
    }

    [Fact]
    public async Task A_damaged_catalog_is_one_error_line_naming_it_and_every_snapshot_stays_listed_and_readable()
    {
        await StoreThreeAsync();
        var catalog = CatalogFiles().Max()!;
        foreach (var file in CatalogFiles())
            File.WriteAllBytes(file, [.. Enumerable.Range(0, 200).Select(i => (byte)(i * 31 + 5))]);

        var list = CliRun.Of("list", "--config", _config, "--json");

        Assert.Equal(1, list.ExitCode);
        Assert.StartsWith($"error: the catalog ({catalog}): cannot be read", OneLine(list.Error));
        Assert.Equal([1L, 2L, 3L], Ids(list.Output));
        Assert.Equal(0, CliRun.Of("show", "2", "--config", _config).ExitCode);
    }

    [Fact]
    public async Task Show_of_a_listed_snapshot_whose_file_is_missing_names_the_file_rather_than_saying_it_was_never_stored()
    {
        await StoreThreeAsync();
        File.Delete(DataFile(2));

        var show = CliRun.Of("show", "2", "--config", _config);

        Assert.Equal(1, show.ExitCode);
        Assert.Equal($"error: cannot read stored snapshot 2 ({Path.Combine(Store, "snapshot-global-snapshots-2-1-*")}): the catalog lists it, but its file is missing", OneLine(show.Error));
    }

    [Fact]
    public void List_show_and_restore_from_never_create_the_folder_they_read()
    {
        Assert.Contains("0 snapshots stored", CliRun.Of("list", "--config", _config).Output);
        CliRun.Of("show", "1", "--config", _config).AssertOneErrorLine();
        CliRun.Of("demo", "--restore-from", "latest", "--store", Store).AssertBadInput("--restore-from", null);

        Assert.False(Directory.Exists(Store), $"{Store} was created by reading it");
    }

    [Fact]
    public void A_store_folder_that_is_a_file_or_cannot_be_written_is_one_error_line_before_anything_starts()
    {
        File.WriteAllText(Store, "a file");

        Assert.Equal($"the snapshot store's folder {Store} is a file, not a folder", CliRun.Of("demo", "--restore", "--store", Store).AssertBadInput("--store", null));
        Assert.Equal($"the snapshot store's folder {Store} is a file, not a folder", CliRun.Of("demo", "--restore-from", "1", "--store", Store).AssertBadInput("--store", null));
        Assert.Equal($"the snapshot store's folder {Store} is a file, not a folder", CliRun.Of("list", "--config", _config).AssertBadInput("--config", null));
        // Not even root can create a folder in /proc.
        Assert.StartsWith("the snapshot store's folder /proc/snapshot-store cannot be written (in /proc): ",
            CliRun.Of("demo", "--restore", "--store", "/proc/snapshot-store").AssertBadInput("--store", null));
    }

    private static string OneLine(string error)
    {
        var lines = error.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray();
        Assert.True(lines.Length == 1, $"expected one error line, found {lines.Length}:\n{error}");
        return lines[0];
    }

    private static long[] Ids(string json) =>
        [.. JsonDocument.Parse(json).RootElement.GetProperty("snapshots").EnumerateArray().Select(s => s.GetProperty("id").GetInt64())];

    private string[] CatalogFiles() =>
        [.. Directory.GetFiles(Store, "snapshot-global-snapshots-*").Where(f => Path.GetFileName(f).Split('-').Length == 5).Order()];

    private string[] DataFiles() =>
        [.. Directory.GetFiles(Store, "snapshot-global-snapshots-*").Where(f => Path.GetFileName(f).Split('-').Length == 6).Order()];

    private string DataFile(long id) => Assert.Single(Directory.GetFiles(Store, $"snapshot-global-snapshots-{id}-1-*"));

    /// <summary>Stores three snapshots of two accounts of the bank, from an ActorSystem terminated before the command runs.</summary>
    private async Task StoreThreeAsync()
    {
        var system = ActorSystem.Create("snapshot", ConfigurationFactory.ParseString(File.ReadAllText(_config)));
        try
        {
            var (a, b) = (system.ActorOf(Props.Empty, "account-0"), system.ActorOf(Props.Empty, "account-1"));
            for (var i = 0; i < 3; i++)
            {
                await GlobalSnapshotStorage.Get(system).SaveAsync(new GlobalSnapshot(i + 1, "bank", a,
                    [new ProcessState(a, new AccountState(900 - i, 1000), []), new ProcessState(b, new AccountState(1100 + i, 1000), [])],
                    [], 2, TakenAt, TakenAt.AddMilliseconds(5)));
            }
        }
        finally
        {
            await system.Terminate();
        }
    }
}
