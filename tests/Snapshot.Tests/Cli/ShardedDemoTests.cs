using System.Text.Json;

namespace Snapshot.Tests.Cli;

public sealed class ShardedDemoTests
{
    [Fact]
    public void A_short_sharded_demo_lists_every_started_account_and_conserves_the_total_in_each_snapshot_it_takes()
    {
        var run = CliRun.Of("demo", "--sharded", "--entities", "300", "--duration", "3s", "--interval", "250ms", "--seed", "5", "--json");

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}:\n{run.Output}\n{run.Error}");
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.True(root.GetProperty("all_conserved").GetBoolean());
        Assert.Equal(30_000, root.GetProperty("expected_total").GetInt64());
        var snapshots = root.GetProperty("snapshots").EnumerateArray().ToArray();
        Assert.NotEmpty(snapshots);
        Assert.All(snapshots, s =>
        {
            Assert.Equal(30_000, s.GetProperty("total").GetInt64());
            Assert.Equal(300, s.GetProperty("live").GetInt32() + s.GetProperty("passivated").GetInt32() + s.GetProperty("never_started").GetInt32());
            Assert.Equal(s.GetProperty("total").GetInt64(),
                s.GetProperty("in_accounts_total").GetInt64() + s.GetProperty("in_flight_total").GetInt64() + 100 * s.GetProperty("never_started").GetInt64());
        });
        Assert.True(root.GetProperty("entities_started").GetInt32() > 0);
    }

    [Theory]
    [InlineData(new[] { "--entities", "1", "--sharded" }, "--entities")]
    [InlineData(new[] { "--entities", "50" }, "--entities")]
    [InlineData(new[] { "--sharded", "--accounts", "5" }, "--accounts")]
    public void A_bad_sharded_option_is_one_error_line_naming_it(string[] options, string named)
    {
        var run = CliRun.Of(["demo", .. options]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(named, run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }
}
