using Akka.Configuration;
using Snapshot.Runtime;

namespace Snapshot.Cli;

/// <summary>The Akka settings every ActorSystem the CLI starts falls back to.</summary>
public static class CliAkkaConfig
{
    /// <summary>
    /// Warnings and errors only, on the error stream; no per-connection remoting chatter; the snapshot extension
    /// loaded with the system, so that its serializer is bound before any marker arrives, and its configuration there from
    /// the start, so that participants get the stamped mailbox; binary serializers for the bank's and the bench's messages.
    /// </summary>
    public static readonly Config Quiet = ConfigurationFactory.ParseString($$"""
        akka {
          loglevel = WARNING
          loggers = {{StandardErrorLogger.ConfigValue}}
          extensions = ["Snapshot.Runtime.GlobalSnapshotsExtensionProvider, Snapshot"]
          remote.log-remote-lifecycle-events = off
          cluster.log-info = off
          coordinated-shutdown.run-by-clr-shutdown-hook = off
          actor {
            {{Bank.BankSerializer.Binding}}
            {{Bench.PaymentSerializer.Binding}}
          }
        }
        """).WithFallback(GlobalSnapshotsSettings.DefaultConfig());

    /// <summary>
    /// Gives participants Akka's own deque, which stamps nothing, so that their snapshots go by a marker per channel: what
    /// a space-time diagram draws.
    /// </summary>
    public const string MarkersPerChannel = """
        akka.actor.mailbox.requirements {
          "Akka.Dispatch.IUnboundedDequeBasedMessageQueueSemantics" = akka.actor.mailbox.unbounded-deque-based
          "Akka.Dispatch.IDequeBasedMessageQueueSemantics" = akka.actor.mailbox.unbounded-deque-based
        }
        """;

    /// <summary>A cluster node on 127.0.0.1 with a port the OS picks.</summary>
    public static Config LoopbackClusterNode(string extra = "") => ConfigurationFactory.ParseString($$"""
        akka {
          actor.provider = cluster
          remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
          {{extra}}
        }
        """).WithFallback(Quiet);
}
