namespace Snapshot.Cli.Sharded;

/// <summary>Asks account <paramref name="From"/> to pay <paramref name="Amount"/> to account <paramref name="To"/>: an input from outside the bank.</summary>
public sealed record PayOrder(string From, string To, long Amount);

/// <summary>Money from one account to another, told through the region in a <c>ShardingEnvelope</c>: a channel of the snapshot.</summary>
public sealed record Deposit(string To, long Amount);
