using Akka.Actor;
using Akka.Cluster;
using Snapshot.Cli.Bank;
using Snapshot.Cli.Diagrams;
using Snapshot.Cli.Reports;

namespace Snapshot.Cli.Demo;

/// <summary>
/// What a demo run logs for its diagram: the drawn accounts' transfers, and the participants' snapshot events from
/// the <c>Snapshot</c> activity source. Start it before the run, so that both are logged from the first transfer.
/// </summary>
public sealed class DemoTrace(int accounts) : IDisposable
{
    private readonly ParticipantEventListener _events = new();
    private IReadOnlyList<string> _nodes = [];

    /// <summary>Handed to the drawn accounts, which log their transfers in it.</summary>
    public TransferLog Transfers { get; } = new(DemoDiagram.Accounts(accounts));

    /// <summary>Tells which nodes the run's accounts live on, node 1 first.</summary>
    public void ClusterStarted(IEnumerable<ActorSystem> nodes) => _nodes = [.. nodes.Select(n => Cluster.Get(n).SelfAddress.ToString())];

    /// <summary>The diagram of one of the run's <paramref name="snapshots"/>, or null when none was recorded by every drawn account.</summary>
    public SpaceTimeDiagram? Diagram(IReadOnlyList<SnapshotReport> snapshots) => DemoDiagram.Of(Transfers.Records, _events.EventsOn(_nodes), _nodes, accounts, snapshots);

    public void Dispose() => _events.Dispose();
}
