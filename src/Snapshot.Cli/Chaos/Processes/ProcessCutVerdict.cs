namespace Snapshot.Cli.Chaos.Processes;

/// <summary>
/// What <see cref="BankConservation"/> found in a snapshot: what is wrong with it (empty when nothing is), and whether
/// a departure kept its money from being compared (<paramref name="Rebased"/>: it is the baseline of the next one).
/// </summary>
public sealed record ProcessCutVerdict(IReadOnlyList<string> Violations, bool Rebased);
