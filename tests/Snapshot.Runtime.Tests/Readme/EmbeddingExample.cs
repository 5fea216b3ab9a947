// The code of the README's "Embedding" section, compiled and run by EmbeddingExampleSpec. Each README region below is one of
// the section's code blocks, line for line: ReadmeCodeSpec fails when they differ, so change both together.
#region README
using Akka.Actor;
using Akka.Hosting;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.Hosting;
using Snapshot.Hosting;
using Snapshot.Runtime;
using Snapshot.Runtime.Participants;
using Snapshot.Testing;
#endregion

namespace Snapshot.Runtime.Tests.Readme;

#region README
public sealed record Open(IReadOnlyList<IActorRef> Accounts);     // from outside: start paying these accounts
public sealed record Withdrawal(IActorRef To, long Amount);       // money taken out, on its way to To
public sealed record Deposit(long Amount);                        // money arriving from an account

public sealed class BankAccount : SnapshotReceiveActor
{
    private IReadOnlyList<IActorRef> _accounts = [];
    private long _balance;

    public BankAccount(long balance) : base(group: "bank")
    {
        _balance = balance;
        Receive<Open>(open =>
        {
            _accounts = open.Accounts;
            WithdrawNext();
        });
        Receive<Withdrawal>(withdrawal =>
        {
            withdrawal.To.Tell(new Deposit(withdrawal.Amount)); // sender: Self, so it travels on a channel
            WithdrawNext();
        });
        Receive<Deposit>(deposit => _balance += deposit.Amount);
    }

    // Takes money out and tells itself where it goes: until the withdrawal arrives, the money is in flight
    // on the channel self → self, where a snapshot must record it.
    private void WithdrawNext()
    {
        var amount = Math.Min(_balance, Random.Shared.Next(1, 50));
        _balance -= amount;
        Self.Tell(new Withdrawal(_accounts[Random.Shared.Next(_accounts.Count)], amount));
    }

    // Called inside this actor's message loop at the moment it records; a long is a value, safe to hand out.
    protected override object CaptureState() => _balance;
}
#endregion

#region README
public static class Bank
{
    public const long Money = 4 * 1000;

    public static async Task<IActorRef[]> OpenAsync(ActorSystem system)
    {
        var accounts = Enumerable.Range(0, 4)
            .Select(i => system.ActorOf(Props.Create(() => new BankAccount(1000)), $"account-{i}"))
            .ToArray();
        // Accounts register with the extension as they start: wait for all four before the first snapshot.
        await GlobalSnapshots.Get(system).WaitForLocalParticipantsAsync(accounts.Length, "bank");
        foreach (var account in accounts)
            account.Tell(new Open(accounts));
        return accounts;
    }

    // Balances, plus the money caught in flight: the money the bank held at the cut.
    public static long Total(GlobalSnapshot snapshot) =>
        snapshot.Processes.Sum(p => (long)p.State!)
        + snapshot.Channels.SelectMany(c => c.Messages).Sum(m => m switch
        {
            Withdrawal w => w.Amount,
            Deposit d => d.Amount,
            _ => 0,
        });

    public static async Task<IReadOnlyList<GlobalSnapshot>> RunAsync()
    {
        var system = ActorSystem.Create("bank");
        try
        {
            await OpenAsync(system);
            var taken = new List<GlobalSnapshot>();
            for (var i = 0; i < 10; i++)
            {
                var snapshot = await GlobalSnapshots.Get(system).TakeAsync("bank"); // while the accounts keep paying
                if (Total(snapshot) != Money)
                    throw new InvalidOperationException($"money lost or doubled:\n{snapshot.Describe()}");
                taken.Add(snapshot);
            }
            return taken;
        }
        finally
        {
            await system.Terminate();
        }
    }
}
#endregion

public static class HostedBank
{
    public static IHost Build()
    {
        #region README
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddAkka("bank", akka => akka
            .WithGlobalSnapshots(options =>
            {
                options.DefaultGroup = "bank";
                options.DefaultTimeout = TimeSpan.FromSeconds(10);
            })
            .WithActors((system, _) => Bank.OpenAsync(system)));
        #endregion
        return builder.Build();
    }
}

#region README
public sealed class BankAccountSpec : TestKit
{
    [Fact]
    public async Task The_bank_keeps_its_money_while_it_moves()
    {
        await Bank.OpenAsync(Sys);
        for (var i = 0; i < 5; i++)
            await this.AssertSnapshotAsync(Bank.Total, Bank.Money, "money in the bank", group: "bank");
    }
}
#endregion

// An actor that must keep its own base class (a ReceivePersistentActor, an FSM, a shared base of yours)
// takes part through a SnapshotParticipant instead.
#region README
public sealed class Teller : ReceiveActor
{
    private readonly SnapshotParticipant _snapshots;
    private int _served;

    public Teller()
    {
        _snapshots = new SnapshotParticipant(this, Context, () => _served, group: "tellers");
        Receive<string>(_ => _served++);
    }

    protected override bool AroundReceive(Receive receive, object message) =>
        _snapshots.AroundReceive(receive, message, base.AroundReceive);

    public override void AroundPostStop()
    {
        _snapshots.Stopped(); // ends the trace spans of the parts it was recording
        base.AroundPostStop();
    }
}
#endregion
