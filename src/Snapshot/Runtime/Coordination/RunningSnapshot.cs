using Akka.Actor;
using Snapshot.Algorithm;
using Snapshot.Runtime.Diagnostics;
using Snapshot.Runtime.Internal;

namespace Snapshot.Runtime.Coordination;

/// <summary>What a coordinator knows of one snapshot it started and has not yet answered.</summary>
/// <param name="selfAddress">This node's address when it is remote-enabled: the snapshot spans it and its members' nodes.</param>
internal sealed class RunningSnapshot(SnapshotPlan plan, Take request, DateTimeOffset startedAt, Address? selfAddress, SnapshotObservation observation)
{
    private HashSet<Address>? _nodes;

    public SnapshotPlan Plan { get; } = plan;

    public Take Request { get; } = request;

    public DateTimeOffset StartedAt { get; } = startedAt;

    /// <summary>Its span and metrics, told how it ends.</summary>
    public SnapshotObservation Observation { get; } = observation;

    public CutAssembly<IActorRef, PartState, object> Parts { get; } = new(plan.Id, plan.Layout.Members);

    /// <summary>After a timeout: the unfinished participants' answers on what they still missed, by participant.</summary>
    public Dictionary<IActorRef, Abandoned>? TimeoutAnswers { get; set; }

    /// <summary>
    /// Before it starts: the nodes that have not yet confirmed they hold its layout. Null once it has started (every
    /// participant was told to initiate, or the initiator was).
    /// </summary>
    public HashSet<Address>? AwaitingLayoutFrom { get; set; }

    /// <summary>The nodes other than the coordinator's with participants of it.</summary>
    public IEnumerable<Address> OtherNodes =>
        Plan.Members.Select(m => m.Path.Address).Where(a => a.HasGlobalScope && a != selfAddress).Distinct();

    /// <summary>True when a participant or the coordinator of this snapshot is on <paramref name="node"/>.</summary>
    public bool Spans(Address node)
    {
        if (selfAddress is null)
            return false;
        // Local refs carry no host: they are on this node.
        _nodes ??= [selfAddress, .. Plan.Members.Select(m => m.Path.Address.HasGlobalScope ? m.Path.Address : selfAddress)];
        return _nodes.Contains(node);
    }

    public GlobalSnapshot Result(DateTimeOffset completedAt)
    {
        return new GlobalSnapshot(
            Plan.Id.Value,
            Plan.Group,
            Request.Initiator,
            Parts.Processes((participant, part, _) => new ProcessState(participant, part.State, part.Stashed)),
            Parts.Channels((from, to, messages) => new ChannelState(from, to, messages)),
            Parts.ChannelCount,
            StartedAt,
            completedAt);
    }
}

/// <summary>A participant's recorded state and stash, as the cut assembly holds them: a value, stored in its array.</summary>
internal readonly record struct PartState(object? State, IReadOnlyList<object> Stashed);
