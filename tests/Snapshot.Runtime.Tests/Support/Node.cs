using Akka.Actor;
using Snapshot.Runtime.Participants;
using Snapshot.Runtime.Tests.Bank;

namespace Snapshot.Runtime.Tests.Support;

/// <summary>
/// A participant built on the <see cref="SnapshotParticipant"/> helper (not a participant base class) so that
/// a test can ask it whether it is recording. Its state is its balance.
/// </summary>
public sealed class Node : ReceiveActor, IWithTimers
{
    private readonly SnapshotParticipant _snapshots;
    private long _balance;

    public Node(string group, long balance)
    {
        _balance = balance;
        _snapshots = new SnapshotParticipant(this, Context, () => _balance, group);
        Receive<Credit>(credit =>
        {
            _balance += credit.Amount;
            if (credit.Acknowledge)
                Sender.Tell(new Credited(credit.Note));
        });
        Receive<PayTo>(pay =>
        {
            _balance -= pay.Amount;
            pay.To.Tell(new Credit(pay.Amount, pay.Note));
        });
        // A driver's order (Bank.Driver): the Credit is signed with this node's name.
        Receive<Pay>(pay =>
        {
            if (pay.Amount <= _balance)
            {
                _balance -= pay.Amount;
                pay.To.Tell(new Credit(pay.Amount, Self.Path.Name));
            }
            Sender.Tell(new Paid());
        });
        Receive<Block>(block =>
        {
            block.Gate.Pass(() => block.NotifyTo.Tell(new Blocked(Self)));
            if (block.StopAfterwards)
                Context.Stop(Self);
        });
        Receive<GetRecording>(_ => Sender.Tell(new Recording(_snapshots.IsRecording)));
        Receive<GetBalance>(_ => Sender.Tell(_balance));
        Receive<Crash>(_ => throw new InvalidOperationException("crash ordered by the test"));
        Receive<ArmTimer>(arm => Timers.StartSingleTimer("armed", arm.Message, TimeSpan.Zero));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string group, long balance = 100) => Akka.Actor.Props.Create(() => new Node(group, balance));

    protected override bool AroundReceive(Receive receive, object message) =>
        _snapshots.AroundReceive(receive, message, base.AroundReceive);

    public override void AroundPreRestart(Exception cause, object message)
    {
        _snapshots.Stopped();
        base.AroundPreRestart(cause, message);
    }

    public override void AroundPostStop()
    {
        _snapshots.Stopped();
        base.AroundPostStop();
    }
}

/// <summary>A plain actor, not a participant: whatever it relays is an external input.</summary>
public sealed class Outsider : ReceiveActor
{
    public Outsider() => Receive<Relay>(relay => relay.To.Tell(relay.Message));
}
