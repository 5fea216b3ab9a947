using Akka.Actor;

namespace Snapshot.Runtime.Tests.Bank;

/// <summary>Money from one account to another, told by the paying account.</summary>
public sealed record Transfer(long Amount);

/// <summary>A driver's order to an account: pay <paramref name="Amount"/> to <paramref name="To"/> if you can.</summary>
public sealed record Pay(IActorRef To, long Amount);

/// <summary>An account's answer to <see cref="Pay"/>, paid or not.</summary>
public sealed record Paid;

/// <summary>A driver's order to an account: start a snapshot of the bank yourself.</summary>
public sealed record StartSnapshotHere(IActorRef ReplyTo);
