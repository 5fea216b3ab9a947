using Akka.Actor;
using Snapshot.Runtime.Internal;

namespace Snapshot.Runtime.Serialization;

/// <summary>
/// The wire layout of a <see cref="SnapshotPlan"/>, which every <see cref="Marker"/> and <see cref="Initiate"/> carries.
/// Its channels travel as each member's outgoing list (as indices into its members), or as one flag when every
/// member sends to every member, so a plan is rebuilt by its own constructor with the same channels in the same order.
/// </summary>
internal static class SnapshotPlanFormat
{
    public static void WritePlan(this ProtocolWriter writer, SnapshotPlan plan)
    {
        writer.WriteId(plan.Id);
        writer.WriteString(plan.Group);
        writer.WriteRef(plan.Coordinator);
        writer.WriteRefs(plan.Members);
        writer.WriteInt32(plan.MaxRecordedPerChannel);
        writer.WriteDateTime(plan.DeadlineUtc);
        var declared = HasDeclaredChannels(plan);
        writer.WriteBool(declared);
        if (!declared)
            return;
        // A plan with declared channels has distinct members: its constructor maps each one to its channels.
        var indexOf = plan.Members.Select((member, index) => (member, index)).ToDictionary(p => p.member, p => p.index);
        foreach (var member in plan.Members)
            writer.WriteList(plan.OutgoingOf(member), to => writer.WriteInt32(indexOf[to]));
    }

    public static SnapshotPlan ReadPlan(this ProtocolReader reader)
    {
        var id = reader.ReadId();
        var group = reader.ReadString();
        var coordinator = reader.ReadRef();
        var members = reader.ReadRefs();
        var maxRecordedPerChannel = reader.ReadInt32();
        var deadline = reader.ReadDateTime();
        var declaredOutgoing = new Dictionary<IActorRef, IReadOnlyCollection<IActorRef>>();
        try
        {
            if (reader.ReadBool())
            {
                foreach (var member in members)
                    declaredOutgoing.Add(member, reader.ReadList(() => MemberAt(reader, members)));
            }
            return new SnapshotPlan(id, group, coordinator, members, declaredOutgoing, maxRecordedPerChannel, deadline);
        }
        catch (ArgumentException e)
        {
            // Duplicate members: no plan the coordinator builds has them.
            throw reader.Malformed($"the plan's members are not distinct: {e.Message}", e);
        }
    }

    // Every member sending to every member in member order is what a plan without declared channels means.
    private static bool HasDeclaredChannels(SnapshotPlan plan) =>
        plan.Members.Any(member => !SendsToEveryMember(plan, plan.OutgoingOf(member)));

    // A plan built without declared channels answers OutgoingOf with Members itself: one comparison a member.
    private static bool SendsToEveryMember(SnapshotPlan plan, IReadOnlyList<IActorRef> outgoing) =>
        ReferenceEquals(outgoing, plan.Members) || outgoing.SequenceEqual(plan.Members);

    private static IActorRef MemberAt(ProtocolReader reader, IActorRef[] members)
    {
        var index = reader.ReadInt32();
        return index >= 0 && index < members.Length ? members[index] : throw reader.Malformed($"member {index} of {members.Length}");
    }
}
