namespace Snapshot.Cli.Chaos.Processes;

/// <summary>
/// One fault of a process chaos schedule: what, after how long a pause since the previous fault ended, and to which
/// node (<paramref name="Target"/> picks among the node processes alive then). <paramref name="FrozenFor"/> is how long
/// a <see cref="ProcessFaultKind.Freeze"/> lasts.
/// </summary>
public sealed record ProcessFault(TimeSpan Pause, ProcessFaultKind Kind, int Target, TimeSpan FrozenFor);
