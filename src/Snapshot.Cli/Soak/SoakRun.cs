using System.Diagnostics;
using Snapshot.Cli.Bench;
using Snapshot.Runtime;

namespace Snapshot.Cli.Soak;

/// <summary>
/// Runs <c>snapshot soak</c>: the bank of <c>bench scale</c> on 3 nodes on loopback, under transfers and snapshots taken
/// back to back from each node in turn, with the heap after a full collection and the extension's table sizes at the end
/// of each period; then, with the traffic stopped and the last snapshot's timeout past, the tables once more.
/// </summary>
public static class SoakRun
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    /// <param name="periodEnded">Called with the idle table sizes and each period as it ends, before the next one.</param>
    public static async Task<SoakReport> RunAsync(SoakSettings settings, Action<string> progress, Action<IReadOnlyDictionary<string, int>, SoakPeriod> periodEnded,
        CancellationToken cancellationToken)
    {
        progress($"starting {SoakSettings.Nodes} nodes on loopback with {SoakSettings.Accounts} accounts");
        await using var bank = await BankWorkload.StartRemoteAsync(SoakSettings.Nodes, SoakSettings.Accounts, cancellationToken);
        // On their first snapshots the coordinators share their layouts and learn each other's member lists: idle is
        // what the tables hold once that is done, with each node's latest snapshot finished.
        progress("warming up: two snapshots from each node, no traffic");
        await SnapshotFromEachNodeAsync(bank);
        await SnapshotFromEachNodeAsync(bank);
        var idle = await TablesAsync(bank);
        progress($"transfers and back-to-back snapshots for {DurationText.Format(settings.Duration)}, reporting every {DurationText.Format(settings.Every)}");
        using var stop = new CancellationTokenSource();
        var tally = new SoakTally();
        var transfers = bank.RunUntilAsync(stop.Token);
        var snapshots = Task.Run(() => SnapshotBackToBackAsync(bank, tally, stop.Token));
        var clock = Stopwatch.StartNew();
        var periods = new List<SoakPeriod>();
        foreach (var end in settings.PeriodEnds())
        {
            if (end > clock.Elapsed && !await DelayAsync(end - clock.Elapsed, cancellationToken))
                break;
            var (completed, failed, inconsistent) = tally.Take();
            var heap = HeapAfterFullCollection();
            var period = new SoakPeriod(periods.Count + 1, clock.Elapsed, heap, completed, failed, inconsistent, await TablesAsync(bank));
            periods.Add(period);
            periodEnded(idle, period);
        }
        await stop.CancelAsync();
        await snapshots;
        var run = await transfers;
        // Waiting out the timeout lets whatever a snapshot keeps until its deadline go: what stays is kept for good.
        progress($"traffic stopped; waiting out the snapshots' timeout ({DurationText.Format(SoakSettings.SnapshotTimeout)}), then one snapshot from each node");
        await Task.Delay(SoakSettings.SnapshotTimeout + TimeSpan.FromSeconds(1), CancellationToken.None);
        await SnapshotFromEachNodeAsync(bank);
        return new SoakReport(settings, idle, periods, await TablesAsync(bank), run.Throughput.Messages, cancellationToken.IsCancellationRequested);
    }

    /// <summary>Waits <paramref name="delay"/>; false when cancelled first.</summary>
    private static async Task<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static long HeapAfterFullCollection()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static async Task SnapshotFromEachNodeAsync(BankWorkload bank)
    {
        foreach (var node in bank.Systems)
            await GlobalSnapshots.Get(node).TakeAsync(BankWorkload.Group, timeout: SoakSettings.SnapshotTimeout);
    }

    /// <summary>Snapshots one after the other, each from the next node in turn, until <paramref name="stop"/>; each counted, and its money checked.</summary>
    private static async Task SnapshotBackToBackAsync(BankWorkload bank, SoakTally tally, CancellationToken stop)
    {
        for (var attempt = 0; !stop.IsCancellationRequested; attempt++)
        {
            try
            {
                var snapshot = await GlobalSnapshots.Get(bank.Systems[attempt % bank.Nodes]).TakeAsync(BankWorkload.Group, timeout: SoakSettings.SnapshotTimeout);
                tally.Completed(conserved: PaymentLedger.Total(snapshot) == bank.ExpectedTotal);
            }
            catch (SnapshotFailedException)
            {
                tally.Failed();
            }
        }
    }

    /// <summary>The size of each of the extension's tables, summed over the nodes, each node's read from its coordinator and participants.</summary>
    private static async Task<IReadOnlyDictionary<string, int>> TablesAsync(BankWorkload bank)
    {
        var nodes = await Task.WhenAll(bank.Systems.Select(node => GlobalSnapshots.Get(node).ReadTableSizesAsync(ReadTimeout)));
        return new SortedDictionary<string, int>(
            nodes.SelectMany(sizes => sizes).GroupBy(size => size.Table).ToDictionary(table => table.Key, table => table.Sum(size => size.Size)),
            StringComparer.Ordinal);
    }
}
