using Akka.Actor;

namespace Snapshot.Cli.Bench;

/// <summary>Wires a <see cref="TokenActor"/> for one marker-bound run; answered with <see cref="Ready"/>.</summary>
public sealed record Wire(IActorRef[] Outgoing, int Incoming, Finish Finish);

/// <summary>Starts a <see cref="TokenActor"/>: it sends its tokens now.</summary>
public sealed class Go
{
    public static readonly Go Instance = new();
}

public sealed class Token
{
    public static readonly Token Instance = new();
}

/// <summary>
/// The marker lower bound's actor: a plain actor that, on <see cref="Go"/> or its first token, sends one token on
/// each outgoing channel, and is done when a token has come in on every incoming channel: a marker's work with
/// no recording, no plan, no coordinator.
/// </summary>
public sealed class TokenActor : ReceiveActor
{
    private IActorRef[] _outgoing = [];
    private int _incoming;
    private int _received;
    private bool _sent;
    private Finish? _finish;

    public TokenActor()
    {
        Receive<Wire>(wire =>
        {
            (_outgoing, _incoming, _finish, _received, _sent) = (wire.Outgoing, wire.Incoming, wire.Finish, 0, false);
            Sender.Tell(Ready.Instance);
        });
        Receive<Go>(_ => SendTokens());
        Receive<Token>(_ =>
        {
            SendTokens();
            if (++_received == _incoming)
                _finish!.One();
        });
    }

    private void SendTokens()
    {
        if (_sent)
            return;
        _sent = true;
        foreach (var to in _outgoing)
            to.Tell(Token.Instance);
    }
}
