namespace Snapshot.Cli.Chaos;

/// <summary>
/// Money from one chaos account to another. <paramref name="SentThrough"/> is all the sender has sent this peer,
/// this transfer included: a receiver that sees it jump knows the transfers in between were lost, not in flight.
/// </summary>
public sealed record ChaosTransfer(long Amount, long SentThrough);

/// <summary>
/// Told to a peer after an association to its node dropped: everything up to <paramref name="SentThrough"/> was sent,
/// so whatever of it never arrived is lost. <paramref name="Epoch"/> names the drop it answers.
/// </summary>
public sealed record ChannelSync(long SentThrough, long Epoch);

/// <summary>The answer to a <see cref="ChannelSync"/>: the peer has accounted everything the sync covered.</summary>
public sealed record SyncAck(long Epoch);

/// <summary>Money from outside the bank, from a payer: an external input, on no channel.</summary>
public sealed record Deposit(long Amount);
