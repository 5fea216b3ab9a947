using Snapshot.Cli.Bench;

namespace Snapshot.Tests.Bench;

/// <summary>
/// The bank workloads of <c>snapshot bench</c>, run tiny: every transfer made is counted, and every snapshot taken
/// under traffic holds all the money. The benchmark itself is never run in tests.
/// </summary>
public sealed class BankWorkloadTests
{
    private const int Accounts = 8;
    private const long Transfers = 40_000;

    [Fact]
    public async Task In_one_system_each_run_makes_exactly_its_transfers_and_every_snapshot_conserves_the_money()
    {
        await using var plain = await BankWorkload.StartAsync(AccountKind.Plain, Accounts);
        await using var participants = await BankWorkload.StartAsync(AccountKind.Participant, Accounts);
        var expected = Transfers / participants.Chains * participants.Chains;

        var plainRun = await plain.RunAsync(Transfers, snapshotting: false);
        var idleRun = await participants.RunAsync(Transfers, snapshotting: false);
        var snapshottingRun = await participants.RunAsync(Transfers, snapshotting: true);

        Assert.All([plainRun, idleRun, snapshottingRun], run =>
        {
            Assert.Equal(expected, run.Throughput.Messages);
            Assert.True(run.Throughput.MessagesPerSecond > 0);
            Assert.True(run.Throughput.BytesPerMessage >= 0);
        });
        Assert.Equal(SnapshotSeries.None, idleRun.Snapshots);
        AssertConserved(snapshottingRun);
    }

    [Fact]
    public async Task On_three_nodes_transfers_cross_the_cluster_and_every_snapshot_conserves_the_money()
    {
        await using var bank = await BankWorkload.StartRemoteAsync(nodes: 3, accounts: 6, CancellationToken.None);

        var idle = await bank.RunForAsync(TimeSpan.FromMilliseconds(300), snapshotting: false);
        var snapshotting = await bank.RunForAsync(TimeSpan.FromMilliseconds(600), snapshotting: true);

        Assert.Equal(6, bank.Accounts);
        // Every chain makes at least its first transfer before the accounts are halted.
        Assert.All([idle, snapshotting], run => Assert.InRange(run.Throughput.Messages, bank.Chains, long.MaxValue));
        Assert.Equal(0, idle.Snapshots.Taken);
        AssertConserved(snapshotting);
        Assert.InRange(snapshotting.Snapshots.PercentileMs(0.5), 0.001, snapshotting.Snapshots.MaxMs);
    }

    private static void AssertConserved(TransferRun run)
    {
        Assert.True(run.Snapshots.Taken > 0, "no snapshot was taken");
        Assert.Equal(run.Snapshots.Taken, run.Throughput.Snapshots);
        Assert.Equal(0, run.Snapshots.Failures);
        Assert.Equal(0, run.Snapshots.ConservationViolations);
        Assert.Equal(0, run.Snapshots.Incomplete);
    }
}
