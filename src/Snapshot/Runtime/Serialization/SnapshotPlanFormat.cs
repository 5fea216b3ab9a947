using Akka.Actor;
using Snapshot.Runtime.Internal;

namespace Snapshot.Runtime.Serialization;

/// <summary>
/// The wire layout of a <see cref="SnapshotPlan"/>, which every <see cref="Marker"/> and <see cref="Initiate"/> carries.
/// Its channels travel as each member's outgoing list (as indices into its members), or as one flag when every
/// member sends to every member, so a layout is rebuilt by its own constructor with the same channels in the same
/// order, under the same id.
/// </summary>
internal static class SnapshotPlanFormat
{
    public static void WritePlan(this ProtocolWriter writer, SnapshotPlan plan)
    {
        writer.WriteId(plan.Id);
        writer.WriteString(plan.Group);
        writer.WriteRef(plan.Coordinator);
        writer.WriteGuid(plan.Layout.Id);
        writer.WriteRefs(plan.Members);
        writer.WriteInt32(plan.MaxRecordedPerChannel);
        writer.WriteDateTime(plan.DeadlineUtc);
        var layout = plan.Layout;
        writer.WriteBool(layout.HasDeclaredChannels);
        if (!layout.HasDeclaredChannels)
            return;
        foreach (var member in plan.Members)
            writer.WriteList(layout.OutgoingOf(member), to => writer.WriteInt32(layout.Members.IndexOf(to)));
    }

    public static SnapshotPlan ReadPlan(this ProtocolReader reader)
    {
        var id = reader.ReadId();
        var group = reader.ReadString();
        var coordinator = reader.ReadRef();
        var layoutId = reader.ReadGuid();
        var members = reader.ReadRefs();
        var maxRecordedPerChannel = reader.ReadInt32();
        var deadline = reader.ReadDateTime();
        var declaredOutgoing = new Dictionary<IActorRef, IReadOnlyCollection<IActorRef>>(ActorRefComparer.Instance);
        try
        {
            if (reader.ReadBool())
            {
                foreach (var member in members)
                    declaredOutgoing.Add(member, reader.ReadList(() => MemberAt(reader, members)));
            }
            return new SnapshotPlan(id, group, coordinator, new ChannelLayout(layoutId, members, declaredOutgoing), maxRecordedPerChannel, deadline);
        }
        catch (ArgumentException e)
        {
            // Duplicate members: no plan the coordinator builds has them.
            throw reader.Malformed($"the plan's members are not distinct: {e.Message}", e);
        }
    }

    private static IActorRef MemberAt(ProtocolReader reader, IActorRef[] members)
    {
        var index = reader.ReadInt32();
        return index >= 0 && index < members.Length ? members[index] : throw reader.Malformed($"member {index} of {members.Length}");
    }
}
