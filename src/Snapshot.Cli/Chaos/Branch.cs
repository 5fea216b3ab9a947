using Akka.Actor;

namespace Snapshot.Cli.Chaos;

/// <summary>
/// The parent of a node's chaos accounts. It restarts an account that fails or is killed (Akka's default would
/// stop a killed one), and the account comes back with the ledger its Props hold.
/// </summary>
public sealed class Branch : ReceiveActor
{
    public Branch()
    {
        Receive<Open>(open => Sender.Tell(Context.ActorOf(ChaosAccount.Props(open.Ledger), open.Name)));
        Receive<Close>(close =>
        {
            if (Context.Child(close.Name) is var account && !account.IsNobody())
                Context.Stop(account);
        });
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new Branch());

    // Not logged: the run kills accounts on purpose and reports it.
    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(_ => Directive.Restart, loggingEnabled: false);

    /// <summary>Opens an account named <paramref name="Name"/> with <paramref name="Ledger"/>; answered with its ref.</summary>
    public sealed record Open(string Name, AccountLedger Ledger);

    /// <summary>Stops the account named <paramref name="Name"/> for good.</summary>
    public sealed record Close(string Name);
}
