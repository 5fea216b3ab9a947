namespace Snapshot.Tests.Cli;

/// <summary>
/// Tests whose node processes must keep to the cluster's failure-detector timing (a starved two-node cluster downs
/// the side of its client): run on their own, after the tests that run
/// in parallel, so that two cores busy with those do not starve a node into being downed.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "alone";
}
