namespace Snapshot.Cli.Chaos;

/// <summary>The failure an account throws on purpose, for its supervisor to restart it (<see cref="BreakWhileRecording"/>).</summary>
public sealed class InjectedFailure(string account) : Exception($"{account} fails on purpose, right after recording for a snapshot");
