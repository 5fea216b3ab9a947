namespace Snapshot.Cli.Chaos.Processes;

/// <summary>A process chaos run could not go on: a node process it started did not join the cluster.</summary>
public sealed class NodeProcessException(string message) : Exception(message);
