using Akka.Actor;
using Akka.Remote;
using Snapshot.Cli.Bank;
using Snapshot.Runtime.Participants;

namespace Snapshot.Cli.Chaos;

/// <summary>
/// A bank account of the chaos run. Besides its balance it keeps, per peer, what it sent and received
/// (<see cref="AccountLedger"/>), so that <see cref="CutCheck"/> can tell a consistent cut from one that lost or
/// created money even while faults lose transfers for real. When an association to a peer's node drops, it asks
/// the peer to confirm what arrived (<see cref="ChannelSync"/>) until the peer answers. Told to, it breaks right
/// after it next records (<see cref="BreakWhileRecording"/>).
/// </summary>
public sealed class ChaosAccount : SnapshotReceiveActor, IWithTimers
{
    public const string Group = "chaos";

    private static readonly TimeSpan SyncEvery = TimeSpan.FromMilliseconds(300);

    private readonly AccountLedger _ledger;
    private BreakWhileRecording? _armed;
    private BreakWhileRecording? _breakNow;

    public ChaosAccount(AccountLedger ledger) : base(Group)
    {
        _ledger = ledger;
        Receive<Pay>(pay =>
        {
            if (_ledger.Pay(pay.To, pay.Amount) is { } transfer)
                pay.To.Tell(transfer);
        });
        Receive<Deposit>(deposit => _ledger.Deposit(deposit.Amount));
        Receive<ChaosTransfer>(transfer => _ledger.Receive(Sender.Path.Name, transfer));
        Receive<ChannelSync>(sync =>
        {
            _ledger.Sync(Sender.Path.Name, sync);
            Sender.Tell(new SyncAck(sync.Epoch));
        });
        Receive<SyncAck>(ack => _ledger.Confirm(Sender.Path.Name, ack.Epoch));
        Receive<DisassociatedEvent>(dropped => _ledger.SuspectLossTo(dropped.RemoteAddress, DateTime.UtcNow));
        Receive<BreakWhileRecording>(order => _armed = order);
        Receive<SyncDue>(_ =>
        {
            foreach (var (to, sync) in _ledger.SyncsDue(DateTime.UtcNow))
                to.Tell(sync);
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(AccountLedger ledger) => Akka.Actor.Props.Create(() => new ChaosAccount(ledger));

    // Never unsubscribed: a restart keeps the same ref subscribed, so no drop goes unnoticed in between; the event
    // stream forgets the account when it stops.
    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(DisassociatedEvent));
        Timers.StartPeriodicTimer(nameof(SyncDue), SyncDue.Instance, SyncEvery);
    }

    protected override object CaptureState()
    {
        (_breakNow, _armed) = (_armed, null);
        return _ledger.Capture();
    }

    // Breaks once the snapshot library is done with the message it recorded on: it has recorded and sent its
    // markers, and waits for markers on its other channels.
    protected override bool AroundReceive(Receive receive, object message)
    {
        var handled = base.AroundReceive(receive, message);
        if (_breakNow is not { } order)
            return handled;
        _breakNow = null;
        if (!order.StopForGood)
            throw new InjectedFailure(Self.Path.Name);
        Context.Stop(Self);
        return handled;
    }

    /// <summary>Time to ask peers with suspected losses to confirm; a trigger only, it carries nothing counted.</summary>
    private sealed class SyncDue
    {
        public static readonly SyncDue Instance = new();
    }
}
