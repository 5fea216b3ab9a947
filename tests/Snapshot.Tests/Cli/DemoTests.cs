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
        Assert.Equal(0, json.RootElement.GetProperty("unreachable_events").GetInt32());
        var snapshots = json.RootElement.GetProperty("snapshots").EnumerateArray().ToArray();
        Assert.InRange(snapshots.Length, 4, 9);
        Assert.Equal(Enumerable.Range(1, snapshots.Length), snapshots.Select(s => s.GetProperty("id").GetInt32()));
        Assert.Equal(3, snapshots.Select(s => s.GetProperty("initiator").GetString()).Distinct().Count());
        Assert.All(snapshots, s =>
        {
            Assert.Equal(12, s.GetProperty("participants").GetInt32());
            Assert.Equal(3, s.GetProperty("nodes").GetInt32());
            // The demo's accounts declare no channels and have stamped mailboxes: 144 channels, no marker on any.
            Assert.Equal(0, s.GetProperty("markers").GetInt32());
            Assert.Equal(12_000, s.GetProperty("total").GetInt64());
            Assert.Equal(s.GetProperty("total").GetInt64(), s.GetProperty("accounts_total").GetInt64() + s.GetProperty("in_flight_total").GetInt64());
            Assert.True(s.GetProperty("conserved").GetBoolean());
        });
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
