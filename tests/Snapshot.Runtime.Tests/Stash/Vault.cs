using Akka.Actor;
using Snapshot.Runtime.Participants;
using Snapshot.Runtime.Tests.Support;

namespace Snapshot.Runtime.Tests.Stash;

/// <summary>Opens the vault: it takes every stashed credit back out of its stash and handles credits from now on.</summary>
public sealed record OpenVault;

/// <summary>Answered with <see cref="Pong"/> once the vault has handled every message before it.</summary>
public sealed record Ping;

/// <summary>How many messages the vault's stash holds.</summary>
public sealed record Pong(int Stashed);

/// <summary>A participant with a stash: while closed it stashes every <see cref="Credit"/>, once opened it banks them.</summary>
public sealed class Vault : SnapshotReceiveActor, IWithUnboundedStash
{
    private long _balance;

    public Vault(string group, long balance) : base(group)
    {
        _balance = balance;
        Closed();
    }

    public IStash Stash { get; set; } = null!;

    public static Props Props(string group, long balance = 100) => Akka.Actor.Props.Create(() => new Vault(group, balance));

    protected override object CaptureState() => _balance;

    private void Closed()
    {
        Receive<Credit>(_ => Stash.Stash());
        Receive<OpenVault>(_ =>
        {
            Become(Open);
            Stash.UnstashAll();
        });
        Common();
    }

    private void Open()
    {
        Receive<Credit>(credit => _balance += credit.Amount);
        Common();
    }

    private void Common()
    {
        Receive<Ping>(_ => Sender.Tell(new Pong(Stash.Count)));
        Receive<GetBalance>(_ => Sender.Tell(_balance));
        Receive<Block>(block => block.Gate.Pass(() => block.NotifyTo.Tell(new Blocked(Self))));
    }
}
