using Akka.Actor;

namespace Snapshot.Cli.Bank;

/// <summary>Money from one account to another, told by the paying account.</summary>
public sealed record Transfer(long Amount);

/// <summary>A payer's order to an account: pay <paramref name="Amount"/> to <paramref name="To"/> if the balance allows.</summary>
public sealed record Pay(IActorRef To, long Amount);

/// <summary>An account's answer to <see cref="Pay"/>, paid or not: the payer's flow control.</summary>
public sealed record Paid;
