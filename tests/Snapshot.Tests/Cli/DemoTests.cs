using System.Text.Json;

namespace Snapshot.Tests.Cli;

public sealed class DemoTests
{
    [Fact]
    public void A_short_demo_snapshots_every_account_on_every_node_and_conserves_the_total()
    {
        var run = CliRun.Of("demo", "--duration", "2s", "--interval", "250ms", "--accounts", "12", "--seed", "5", "--json");

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}:\n{run.Output}\n{run.Error}");
        using var json = JsonDocument.Parse(run.Output);
        Assert.True(json.RootElement.GetProperty("all_conserved").GetBoolean());
        Assert.Equal(12_000, json.RootElement.GetProperty("expected_total").GetInt64());
        var snapshots = json.RootElement.GetProperty("snapshots").EnumerateArray().ToArray();
        Assert.InRange(snapshots.Length, 4, 9);
        Assert.Equal(Enumerable.Range(1, snapshots.Length), snapshots.Select(s => s.GetProperty("id").GetInt32()));
        Assert.Equal(3, snapshots.Select(s => s.GetProperty("initiator").GetString()).Distinct().Count());
        Assert.All(snapshots, s =>
        {
            Assert.Equal(12, s.GetProperty("participants").GetInt32());
            Assert.Equal(3, s.GetProperty("nodes").GetInt32());
            Assert.Equal(144, s.GetProperty("markers").GetInt32());
            Assert.Equal(12_000, s.GetProperty("total").GetInt64());
            Assert.Equal(s.GetProperty("total").GetInt64(), s.GetProperty("accounts_total").GetInt64() + s.GetProperty("in_flight_total").GetInt64());
            Assert.True(s.GetProperty("conserved").GetBoolean());
        });
    }

    [Fact]
    public void A_restored_demo_bank_holds_the_stored_checkpoints_money_account_by_account_and_goes_on_conserving_it()
    {
        using var files = new TempDirectory();
        var store = files.PathOf("snapshots");

        var run = CliRun.Of("demo", "--restore", "--store", store, "--duration", "1s", "--interval", "250ms", "--accounts", "9", "--seed", "3", "--json");

        var root = AssertRestoredExactly(run, nodes: 3);
        Assert.Equal(1, root.GetProperty("stored_id").GetInt64());
        Assert.True(root.GetProperty("checkpoint").GetProperty("in_flight_total").GetInt64() > 0, "the checkpoint caught no money in flight, so nothing was replayed");

        // The checkpoint outlived the crashed nodes in the store: restored again from there, onto fewer nodes, it holds the same money.
        var again = CliRun.Of("demo", "--restore-from", "1", "--store", store, "--nodes", "2", "--duration", "1s", "--interval", "250ms", "--json");

        var second = AssertRestoredExactly(again, nodes: 2);
        Assert.Equal(root.GetProperty("checkpoint").ToString(), second.GetProperty("checkpoint").ToString());
    }

    /// <summary>Asserts the restored bank of 9 accounts held the checkpoint's 9,000 exactly, on <paramref name="nodes"/> nodes, and kept conserving it.</summary>
    private static JsonElement AssertRestoredExactly(CliRun run, int nodes)
    {
        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}:\n{run.Output}\n{run.Error}");
        var root = JsonDocument.Parse(run.Output).RootElement;
        var checkpoint = root.GetProperty("checkpoint");
        var restored = root.GetProperty("restored");
        Assert.Equal(9_000, checkpoint.GetProperty("total").GetInt64());
        Assert.Equal(checkpoint.GetProperty("recorded_messages").GetInt32(), root.GetProperty("replayed_messages").GetInt32());
        Assert.Equal(9, checkpoint.GetProperty("participants").GetInt32());
        Assert.Equal(3, checkpoint.GetProperty("nodes").GetInt32());
        Assert.Equal(9, restored.GetProperty("participants").GetInt32());
        Assert.Equal(nodes, restored.GetProperty("nodes").GetInt32());
        Assert.Equal(9_000, restored.GetProperty("accounts_total").GetInt64());
        Assert.Equal(0, restored.GetProperty("in_flight_total").GetInt64());
        Assert.Equal(9, root.GetProperty("exact_accounts").GetInt32());
        Assert.True(root.GetProperty("restored_exactly").GetBoolean());
        var after = root.GetProperty("after_restore");
        Assert.True(after.GetProperty("all_conserved").GetBoolean());
        Assert.InRange(after.GetProperty("snapshots").GetArrayLength(), 2, 4);
        Assert.All(after.GetProperty("snapshots").EnumerateArray(), s => Assert.Equal(9_000, s.GetProperty("total").GetInt64()));
        Assert.True(root.GetProperty("succeeded").GetBoolean());
        return root;
    }

    [Theory]
    [InlineData("--duration", "ten", "--duration")]
    [InlineData("--duration", "0s", "--duration")]
    [InlineData("--interval", "5", "--interval")]
    [InlineData("--nodes", "0", "--nodes")]
    [InlineData("--accounts", "1", "--accounts")]
    public void A_bad_option_is_one_error_line_naming_it(string option, string value, string named)
    {
        var run = CliRun.Of("demo", option, value);

        run.AssertBadInput(named, null);
        Assert.Equal("", run.Output);
    }
}
