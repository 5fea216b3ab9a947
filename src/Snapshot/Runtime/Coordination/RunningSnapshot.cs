using Akka.Actor;
using Snapshot.Algorithm;
using Snapshot.Runtime.Diagnostics;
using Snapshot.Runtime.Internal;

namespace Snapshot.Runtime.Coordination;

/// <summary>
/// What a coordinator's driver keeps of one snapshot it started and has not yet answered: what it needs to send and to
/// answer. Whether it completes or fails is <see cref="SnapshotCoordination{TNode,TParticipant,TPart,TMessage}"/>'s to decide.
/// </summary>
/// <param name="selfAddress">This node's address when it is remote-enabled.</param>
internal sealed class RunningSnapshot(SnapshotPlan plan, Take request, DateTimeOffset startedAt, Address? selfAddress, SnapshotObservation observation)
{
    public SnapshotPlan Plan { get; } = plan;

    public Take Request { get; } = request;

    public DateTimeOffset StartedAt { get; } = startedAt;

    /// <summary>Its span and metrics, told how it ends.</summary>
    public SnapshotObservation Observation { get; } = observation;

    /// <summary>After a timeout: the unfinished participants' answers on what they still missed, by participant.</summary>
    public Dictionary<IActorRef, Abandoned> TimeoutAnswers { get; } = new(ActorRefComparer.Instance);

    /// <summary>The nodes other than the coordinator's with participants of it.</summary>
    public IEnumerable<Address> OtherNodes =>
        Plan.Members.Select(m => m.Path.Address).Where(a => a.HasGlobalScope && a != selfAddress).Distinct();

    public GlobalSnapshot Result(CutAssembly<IActorRef, PartState, object> cut, DateTimeOffset completedAt)
    {
        return new GlobalSnapshot(
            Plan.Id.Value,
            Plan.Group,
            Request.Initiator,
            cut.Processes((participant, part, _) => new ProcessState(participant, part.State, part.Stashed)),
            cut.Channels((from, to, messages) => new ChannelState(from, to, messages)),
            cut.ChannelCount,
            StartedAt,
            completedAt)
        {
            // Stamped, a participant's record notices and its node's flush stand for its markers.
            Markers = Plan.Layout.IsStamped ? 0 : cut.ChannelCount,
        };
    }
}

/// <summary>A participant's recorded state and stash, as the cut assembly holds them: a value, stored in its array.</summary>
internal readonly record struct PartState(object? State, IReadOnlyList<object> Stashed);
