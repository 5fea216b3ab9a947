using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;

namespace Snapshot.Cli;

/// <summary>
/// Akka's log, written to the error stream: standard output carries only what the command prints, so that
/// <c>--json</c> output stays one JSON document.
/// </summary>
public sealed class StandardErrorLogger : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    public const string ConfigValue = "[\"Snapshot.Cli.StandardErrorLogger, Snapshot.Cli\"]";

    public StandardErrorLogger()
    {
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(e => Console.Error.WriteLine(e.ToString()));
    }
}
