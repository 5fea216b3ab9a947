namespace Snapshot.Runtime.Tests.Cluster;

/// <summary>
/// Specs that cut or drop links between nodes with Akka.Remote's throttler: they run alone, after the others, since
/// on a loaded machine delayed heartbeats would add unreachability and downing of their own to the faults they make.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ThrottledRemoting
{
    public const string Name = "throttled remoting";
}
