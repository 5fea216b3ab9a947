using System.Text.Encodings.Web;
using System.Text.Json;
using Akka.Actor;
using Akka.Configuration;
using Snapshot.Cli.Bank;
using Snapshot.Runtime;
using Snapshot.Storage;

namespace Snapshot.Tests.Cli;

/// <summary>
/// <c>snapshot list</c> and <c>show</c> reading a store written by an ActorSystem that has since terminated, through a
/// node's own HOCON file (a cluster node on port 4053) pointed at a directory of the test's.
/// </summary>
public sealed class StoredSnapshotTests : IDisposable
{
    private static readonly DateTimeOffset StartedAt = new(2026, 11, 25, 18, 0, 0, TimeSpan.Zero);

    // Written back as the CLI wrote it: the default encoder would escape characters such as '<' and '+'.
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly TempDirectory _files = new();
    private readonly string _config;

    public StoredSnapshotTests()
    {
        var store = _files.PathOf("snapshots");
        _config = _files.Write("node1.conf", File.ReadAllText("hocon/node1.conf") + $"\nakka.persistence.snapshot-store.local.dir = {JsonSerializer.Serialize(store)}\n");
    }

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task List_prints_each_stored_snapshot_and_filters_by_group()
    {
        await StoreAsync("bank", "other");

        var run = CliRun.Of("list", "--config", _config);
        var bank = CliRun.Of("list", "--config", _config, "--group", "bank");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            """
            ┌────┬───────┬──────────────┬───────────┬──────────────────────────┬──────┬───────────┐
            │ Id │ Group │ Participants │ In flight │ Taken at (UTC)           │   ms │ Stored by │
            ├────┼───────┼──────────────┼───────────┼──────────────────────────┼──────┼───────────┤
            │  1 │ bank  │            2 │         1 │ 2026-11-25 18:00:00.000Z │ 12.5 │ SaveAsync │
            │  2 │ other │            2 │         1 │ 2026-11-25 18:00:00.000Z │ 12.5 │ SaveAsync │
            └────┴───────┴──────────────┴───────────┴──────────────────────────┴──────┴───────────┘
            2 snapshots stored

            """.ReplaceLineEndings(), run.Output.ReplaceLineEndings());
        Assert.Contains("│  1 │ bank  │", bank.Output);
        Assert.DoesNotContain("other", bank.Output);
        Assert.Contains("1 snapshot stored", bank.Output);
    }

    [Fact]
    public async Task List_json_gives_each_stored_snapshot_as_an_object()
    {
        await StoreAsync("bank");

        var run = CliRun.Of("list", "--config", _config, "--json");

        Assert.Equal(0, run.ExitCode);
        var snapshot = Assert.Single(JsonDocument.Parse(run.Output).RootElement.GetProperty("snapshots").EnumerateArray());
        Assert.Equal(
            """{"id":1,"group":"bank","participants":2,"messages_in_flight":1,"started_at":"2026-11-25T18:00:00.0000000Z","completed_at":"2026-11-25T18:00:00.0125000Z","duration_ms":12.5,"periodic":false}""",
            JsonSerializer.Serialize(snapshot, Relaxed));
    }

    [Fact]
    public async Task Show_prints_every_state_stash_and_message_in_flight_and_the_bank_s_money()
    {
        await StoreAsync("bank");

        var run = CliRun.Of("show", "1", "--config", _config);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            """
            snapshot 1 of group 'bank', taken 2026-11-25 18:00:00.000Z in 12.5 ms, started by /user/account-0
            ┌─────────────────┬─────────────────────────────────────────────────┬──────────────────────────┐
            │ Participant     │ State                                           │ Stashed                  │
            ├─────────────────┼─────────────────────────────────────────────────┼──────────────────────────┤
            │ /user/account-0 │ AccountState { Balance = 900, Opening = 1000 }  │                          │
            │ /user/account-1 │ AccountState { Balance = 1050, Opening = 1000 } │ Transfer { Amount = 20 } │
            └─────────────────┴─────────────────────────────────────────────────┴──────────────────────────┘
            ┌─────────────────┬─────────────────┬──────────────────────────┐
            │ From            │ To              │ In flight, in order      │
            ├─────────────────┼─────────────────┼──────────────────────────┤
            │ /user/account-0 │ /user/account-1 │ Transfer { Amount = 30 } │
            └─────────────────┴─────────────────┴──────────────────────────┘
            2 participants, 1 message in flight on 1 of 4 channels
            bank: 1970 in accounts + 30 in flight = 2000 of 2000: conserved

            """.ReplaceLineEndings(), run.Output.ReplaceLineEndings());
    }

    [Fact]
    public async Task Show_json_gives_the_whole_snapshot()
    {
        await StoreAsync("bank");

        var run = CliRun.Of("show", "1", "--config", _config, "--json");

        Assert.Equal(0, run.ExitCode);
        var json = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal((1, "bank", 7, "akka://snapshot/user/account-0"),
            (json.GetProperty("id").GetInt32(), json.GetProperty("group").GetString(), json.GetProperty("snapshot_id").GetInt32(), json.GetProperty("initiator").GetString()));
        Assert.Equal(
            """[{"participant":"akka://snapshot/user/account-0","state":"AccountState { Balance = 900, Opening = 1000 }","stashed":[]},{"participant":"akka://snapshot/user/account-1","state":"AccountState { Balance = 1050, Opening = 1000 }","stashed":["Transfer { Amount = 20 }"]}]""",
            JsonSerializer.Serialize(json.GetProperty("processes"), Relaxed));
        Assert.Equal(
            ["account-0 → account-1: Transfer { Amount = 30 }"],
            json.GetProperty("channels").EnumerateArray().Select(c =>
                $"{c.GetProperty("from").GetString()![^9..]} → {c.GetProperty("to").GetString()![^9..]}: {string.Join(", ", c.GetProperty("messages").EnumerateArray().Select(m => m.GetString()))}"));
        Assert.Equal(4, json.GetProperty("channel_count").GetInt64());
    }

    [Fact]
    public async Task Show_of_an_id_not_in_the_store_is_one_error_line_and_exit_code_2()
    {
        await StoreAsync("bank");

        Assert.Equal("error: snapshot 9 is not in the store ('snapshot list' shows those that are)", CliRun.Of("show", "9", "--config", _config).AssertOneErrorLine());
        Assert.Contains("'x'", CliRun.Of("show", "x", "--config", _config).AssertOneErrorLine());
    }

    [Fact]
    public void An_empty_store_lists_nothing_and_bad_files_or_settings_are_named()
    {
        var badSetting = _files.Write("bad.conf", "akka.snapshot.keep-last = 0\n");

        Assert.Contains("0 snapshots stored", CliRun.Of("list", "--config", _config).Output);
        Assert.Contains(_files.PathOf("missing.conf"), CliRun.Of("list", "--config", _files.PathOf("missing.conf")).AssertBadInput("--config", null));
        Assert.Equal($"'{badSetting}': akka.snapshot.keep-last = 0 must be at least 1", CliRun.Of("list", "--config", badSetting).AssertBadInput("--config", null));
    }

    /// <summary>Stores <see cref="Bank"/> once per group, with an ActorSystem of its own terminated before the command runs.</summary>
    private async Task StoreAsync(params string[] groups)
    {
        var system = ActorSystem.Create("snapshot", ConfigurationFactory.ParseString("akka.actor.provider = local").WithFallback(ConfigurationFactory.ParseString(File.ReadAllText(_config))));
        try
        {
            var bank = Bank(system);
            foreach (var group in groups)
                await GlobalSnapshotStorage.Get(system).SaveAsync(bank with { Group = group });
        }
        finally
        {
            await system.Terminate();
        }
    }

    /// <summary>
    /// Two accounts of $1000, started by account-0: account-0 holds 900, account-1 1050 and a transfer of 20 in its
    /// stash, and 30 is in flight from account-0 to account-1.
    /// </summary>
    private static GlobalSnapshot Bank(ActorSystem system)
    {
        var (a, b) = (system.ActorOf(Props.Empty, "account-0"), system.ActorOf(Props.Empty, "account-1"));
        return new GlobalSnapshot(
            7,
            "bank",
            a,
            [new ProcessState(a, new AccountState(900, 1000), []), new ProcessState(b, new AccountState(1050, 1000), [new Transfer(20)])],
            [new ChannelState(a, b, [new Transfer(30)])],
            4,
            StartedAt,
            StartedAt.AddMilliseconds(12.5));
    }
}
