using Akka.Actor;
using Snapshot.Cli.Bank;
using Snapshot.Runtime.Participants;

namespace Snapshot.Cli.Bench;

/// <summary>
/// The same account as <see cref="PlainAccount"/>, as a snapshot participant. Its channels are left undeclared: it
/// pays every account in turn, so a snapshot covers every channel between accounts.
/// </summary>
public sealed class ParticipantAccount : SnapshotReceiveActor
{
    private readonly AccountBook _book = new();

    public ParticipantAccount(string group) : base(group)
    {
        Receive<Payment>(_book.Receive);
        Receive<OpenAccount>(open =>
        {
            _book.Open(open);
            Sender.Tell(Ready.Instance);
        });
        Receive<Serve>(_ => _book.Serve());
        Receive<Halt>(_ => _book.Halt());
    }

    protected override object CaptureState() => new AccountState(_book.Balance, AccountBook.OpeningBalance);
}
