using Snapshot.Cli.Bank;
using Snapshot.Runtime;

namespace Snapshot.Cli.Chaos.Processes;

/// <summary>
/// The cut check of a process chaos run, from what each snapshot of the bank holds. Transfers only move money between
/// accounts, so over a group that nobody left the bank's money (balances plus transfers recorded in flight) stays
/// what it was at the previous completed snapshot, plus the opening of each account that joined since (each records
/// its opening). The first snapshot compares with nothing: its money is its accounts' openings.
/// <para>
/// A departed node breaks that for good, and by an amount no snapshot tells: its balances leave with it, transfers in
/// flight to it are lost, and transfers it sent before it went still arrive. So a snapshot that may see a departure's
/// effects its baseline did not is not checked: it starts a new baseline (<see cref="ProcessCutVerdict.Rebased"/>).
/// That is a snapshot started while the group was changing (<see cref="GroupChanges"/>: a node departing, or joining
/// until the client's coordinator lists its accounts, whose transfers with the others snapshots until then leave
/// out), or whose baseline started before a change or less than <see cref="Settle"/> after it.
/// </para>
/// Between baselines the group may only grow: a participant missing without a departure is a snapshot that silently
/// covered part of its group, and inconsistent. One snapshot loop checks, one snapshot at a time.
/// </summary>
public sealed class BankConservation
{
    /// <summary>
    /// Transfers a departed node sent before it went are delivered within moments of its exit (they were in the
    /// sockets already); a second covers that on loaded cores.
    /// </summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    private Baseline _baseline = new(new Dictionary<string, long>(), 0, StartedAt: TimeSpan.Zero);

    /// <param name="startedAt">When the snapshot started, on the clock of <see cref="GroupChanges"/>.</param>
    /// <param name="changedAt"><see cref="GroupChanges.LatestAt"/> when the snapshot started.</param>
    public ProcessCutVerdict Check(GlobalSnapshot snapshot, TimeSpan startedAt, TimeSpan? changedAt)
    {
        var violations = new List<string>();
        var openings = new Dictionary<string, long>();
        foreach (var process in snapshot.Processes)
        {
            var name = process.Participant.Path.ToString();
            if (process.State is not AccountState account)
            {
                violations.Add($"{name} recorded {process.State ?? "nothing"}, not an account's balance");
                continue;
            }
            if (account.Balance < 0)
                violations.Add($"{name}: balance {account.Balance}, but an account never pays more than it holds");
            openings[name] = account.Opening;
        }
        var total = BankLedger.Money.Measure(snapshot).Total;
        var rebased = changedAt is { } changed && changed + Settle > _baseline.StartedAt;
        if (!rebased)
        {
            var missing = _baseline.Openings.Keys.Where(name => !openings.ContainsKey(name)).ToArray();
            if (missing.Length > 0)
                violations.Add($"{Counted.Of(missing.Length, "account")} of the previous snapshot missing though no node departed: {string.Join(", ", missing.Take(3))}");
            var joined = openings.Where(account => !_baseline.Openings.ContainsKey(account.Key)).Sum(account => account.Value);
            var expected = _baseline.Total + joined;
            if (total != expected)
                violations.Add($"the bank holds {total} (balances and transfers in flight), but held {_baseline.Total} at the previous snapshot and accounts opened since brought {joined}: {expected} expected");
        }
        // A snapshot found wrong is no baseline: the next one is compared with the last that was right.
        if (violations.Count == 0)
            _baseline = new Baseline(openings, total, startedAt);
        return new ProcessCutVerdict(violations, rebased);
    }

    /// <summary>The last snapshot found right, which the next one is compared with: its accounts' openings by path, its money, when it started.</summary>
    private sealed record Baseline(IReadOnlyDictionary<string, long> Openings, long Total, TimeSpan StartedAt);
}
