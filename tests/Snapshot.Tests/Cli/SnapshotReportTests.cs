using System.Text.Json;
using Akka.Actor;
using Snapshot.Cli.Bank;
using Snapshot.Cli.Reports;
using Snapshot.Runtime;
using Spectre.Console;

namespace Snapshot.Tests.Cli;

/// <summary>A snapshot after a node left its group says so, in the JSON report and in the table.</summary>
public sealed class SnapshotReportTests : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("reports");

    [Fact]
    public void The_nodes_a_group_lost_since_the_previous_snapshot_are_in_the_json_and_under_the_table()
    {
        var account = _system.ActorOf(Props.Empty, "account-0");
        var departed = new DepartedNode(new Address("akka.tcp", "snapshot", "127.0.0.1", 4053), 100);
        var snapshot = new GlobalSnapshot(7, "bank", null, [new ProcessState(account, new AccountState(1000, 1000), [])], [], 1,
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddMilliseconds(5)) { DepartedNodes = [departed] };

        var report = SnapshotReport.Of(snapshot, 1, new Address("akka.tcp", "snapshot", "127.0.0.1", 4051));
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(report.ToJson()));
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 200;
        SnapshotTable.Write(console, new SnapshotRunSummary([report], [], 1000));

        var entry = Assert.Single(json.RootElement.GetProperty("departed_nodes").EnumerateArray());
        Assert.Equal(("akka.tcp://snapshot@127.0.0.1:4053", 100), (entry.GetProperty("node").GetString(), entry.GetProperty("participants").GetInt32()));
        Assert.Contains("snapshot 1: node 127.0.0.1:4053 left the group with 100 participants since the previous snapshot", writer.ToString());
    }

    /// <summary>
    /// Money paid to an account on a node that was then lost is missing from the rest: their total is not the bank's, and
    /// is reported as partial, not as a violation, nor as conserved.
    /// </summary>
    [Fact]
    public void A_snapshot_missing_a_lost_nodes_accounts_has_a_partial_total_not_a_violated_one()
    {
        var account = _system.ActorOf(Props.Empty, "account-1");
        var snapshot = new GlobalSnapshot(3, "bank", null, [new ProcessState(account, new AccountState(640, 1000), [])], [], 1,
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddMilliseconds(5));

        var report = SnapshotReport.Of(snapshot, 1, new Address("akka.tcp", "snapshot", "127.0.0.1", 4051))
            with { LostNodes = ["akka.tcp://snapshot@127.0.0.1:4054 (downed and removed from the cluster)"] };
        var run = new SnapshotRunSummary([report], [], report.ExpectedTotal);
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(run.ToJson()));
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 200;
        SnapshotTable.Write(console, run);

        var entry = Assert.Single(json.RootElement.GetProperty("snapshots").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("conserved").ValueKind);
        Assert.False(entry.GetProperty("total_comparable").GetBoolean());
        Assert.Empty(entry.GetProperty("violations").EnumerateArray());
        Assert.Equal("akka.tcp://snapshot@127.0.0.1:4054 (downed and removed from the cluster)", Assert.Single(entry.GetProperty("lost_nodes").EnumerateArray()).GetString());
        Assert.Equal(1, json.RootElement.GetProperty("not_comparable").GetInt32());
        var table = writer.ToString();
        Assert.Contains("│ partial   │", table);
        Assert.DoesNotContain("VIOLATED", table);
        Assert.Contains("snapshot 1: total 640 of accounts that opened with 1000 is partial, not comparable", table);
        Assert.Contains("snapshot 1: node 127.0.0.1:4054 (downed and removed from the cluster) was lost while this command was in the cluster", table);
    }

    public void Dispose() => _system.Terminate().Wait();
}
