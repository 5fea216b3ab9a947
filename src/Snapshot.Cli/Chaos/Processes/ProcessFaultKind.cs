namespace Snapshot.Cli.Chaos.Processes;

/// <summary>What a process chaos run does to a node process.</summary>
public enum ProcessFaultKind
{
    /// <summary>SIGSTOP for a few seconds, then SIGCONT: a node that stops answering, as in a long GC pause, and comes back.</summary>
    Freeze,

    /// <summary>SIGINT: the node leaves the cluster gracefully and exits; a new process starts in its place.</summary>
    Leave,

    /// <summary>kill -9: the node is gone without a word; once the cluster has removed it, a new process starts in its place.</summary>
    Kill,
}
