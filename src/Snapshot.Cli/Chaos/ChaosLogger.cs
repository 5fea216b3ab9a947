using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;
using Akka.Remote;

namespace Snapshot.Cli.Chaos;

/// <summary>
/// Akka's log on the error stream, like <see cref="StandardErrorLogger"/>, less the errors remoting logs, stack trace
/// and all, for the faults the run injects on purpose and reports itself: an association it dropped, and messages
/// a node it crashed still tried to send while its remoting stopped; with <c>--processes</c>, the association to a node
/// process it killed.
/// </summary>
public sealed class ChaosLogger : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    public const string ConfigValue = "[\"Snapshot.Cli.Chaos.ChaosLogger, Snapshot.Cli\"]";

    public ChaosLogger()
    {
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<Error>(IsInjected, _ => { });
        Receive<LogEvent>(e => Console.Error.WriteLine(e.ToString()));
    }

    // Akka.Remote keeps EndpointDisassociatedException internal: known by its name.
    private static bool IsInjected(Error error) =>
        error.Cause is RemoteTransportException || error.Cause?.GetType().Name == "EndpointDisassociatedException";
}
