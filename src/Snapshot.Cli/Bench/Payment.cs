using Akka.Actor;

namespace Snapshot.Cli.Bench;

/// <summary>
/// Money one account pays the next. <see cref="Hops"/> counts the transfers this money has made, this one included,
/// so the account that keeps it can tell the <see cref="PaymentTally"/> how many transfers its chain made.
/// </summary>
public sealed record Payment(long Amount, long Hops);

/// <summary>
/// Opens an account for one run: its index among <paramref name="Accounts"/> (every account, as this account's node
/// reaches it), how many payment chains it starts, after how many transfers a chain ends, and the tally to tell when
/// one does. Answered with <see cref="Ready"/>.
/// </summary>
public sealed record OpenAccount(int Index, IReadOnlyList<IActorRef> Accounts, int Chains, long HopsPerChain, PaymentTally Tally);

/// <summary>Tells an account to stop passing money on: every payment it gets from now on ends its chain.</summary>
public sealed class Halt
{
    public static readonly Halt Instance = new();
}
