using Akka.Actor;

namespace Snapshot.Cli.Bench;

/// <summary>An account of the transfer workload as a plain <see cref="ReceiveActor"/>: the baseline.</summary>
public sealed class PlainAccount : ReceiveActor
{
    private readonly AccountBook _book = new();

    public PlainAccount()
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
}
