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

    public void Dispose() => _system.Terminate().Wait();
}
