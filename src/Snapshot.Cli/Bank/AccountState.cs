namespace Snapshot.Cli.Bank;

/// <summary>What an account records in a snapshot: its balance, and what it opened with, so a snapshot alone tells the bank's total.</summary>
public sealed record AccountState(long Balance, long Opening);
