using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;

namespace Snapshot.Cli;

/// <summary>
/// Akka's log, written to the error stream: standard output carries only what the command prints, so that
/// <c>--json</c> output stays one JSON document. Remoting's reports of a node that left the cluster as a failed
/// association are left out (<see cref="DisassociationFromDepartedNode"/>).
/// </summary>
public sealed class StandardErrorLogger : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    public const string ConfigValue = "[\"Snapshot.Cli.StandardErrorLogger, Snapshot.Cli\"]";

    public StandardErrorLogger()
    {
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(e => DisassociationFromDepartedNode.Describes(e, Context.System), _ => { });
        Receive<LogEvent>(e => Console.Error.WriteLine(e.ToString()));
    }
}
