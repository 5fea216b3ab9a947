using Akka.Actor;
using Snapshot.Runtime.Internal;

namespace Snapshot.Runtime.Serialization;

/// <summary>
/// The wire layout of a <see cref="SnapshotPlan"/>, which every <see cref="Marker"/> and <see cref="Initiate"/> carries,
/// and of a <see cref="ChannelLayout"/>, which <see cref="ShareLayout"/> carries. A plan names its layout by id only:
/// its size does not grow with the group. The reader finds the layout in its node's <see cref="LayoutRegistry"/>,
/// where the coordinator put it before starting the snapshot; a plan whose layout the node does not have is read with
/// <see cref="ChannelLayout.Unknown"/>. A layout travels as its members, then each member's outgoing list (as indices
/// into the members), or one flag when every member sends to every member, so it is rebuilt by its own constructor
/// with the same channels in the same order, under the same id.
/// </summary>
internal static class SnapshotPlanFormat
{
    public static void WritePlan(this ProtocolWriter writer, SnapshotPlan plan)
    {
        writer.WriteId(plan.Id);
        writer.WriteString(plan.Group);
        writer.WriteRef(plan.Coordinator);
        writer.WriteInt32(plan.MaxRecordedPerChannel);
        writer.WriteDateTime(plan.DeadlineUtc);
        writer.WriteId(plan.SettledBelow);
        writer.WriteTraceContext(plan.Trace);
        writer.WriteGuid(plan.Layout.Id);
    }

    public static SnapshotPlan ReadPlan(this ProtocolReader reader, LayoutRegistry layouts)
    {
        var id = reader.ReadId();
        var group = reader.ReadString();
        var coordinator = reader.ReadRef();
        var maxRecordedPerChannel = reader.ReadInt32();
        var deadline = reader.ReadDateTime();
        var settledBelow = reader.ReadId();
        var trace = reader.ReadTraceContext();
        var layoutId = reader.ReadGuid();
        var layout = layouts.Find(layoutId) ?? ChannelLayout.Unknown(layoutId);
        return new SnapshotPlan(id, group, coordinator, layout, maxRecordedPerChannel, deadline, settledBelow, trace);
    }

    public static void WriteLayout(this ProtocolWriter writer, ChannelLayout layout)
    {
        writer.WriteGuid(layout.Id);
        writer.WriteRefs(layout.Members.Peers);
        writer.WriteList(layout.Incarnations, writer.WriteGuid);
        writer.WriteBool(layout.IsStamped);
        writer.WriteBool(layout.HasDeclaredChannels);
        if (!layout.HasDeclaredChannels)
            return;
        foreach (var member in layout.Members.Peers)
            writer.WriteList(layout.OutgoingOf(member), to => writer.WriteInt32(layout.Members.IndexOf(to)));
    }

    public static ChannelLayout ReadLayout(this ProtocolReader reader)
    {
        var id = reader.ReadGuid();
        var members = reader.ReadRefs();
        var incarnations = reader.ReadList(reader.ReadGuid);
        var stamped = reader.ReadBool();
        var declaredOutgoing = new Dictionary<IActorRef, IReadOnlyCollection<IActorRef>>(ActorRefComparer.Instance);
        try
        {
            if (reader.ReadBool())
            {
                foreach (var member in members)
                    declaredOutgoing.Add(member, reader.ReadList(() => MemberAt(reader, members)));
            }
            return new ChannelLayout(id, members, declaredOutgoing, incarnations, stamped);
        }
        catch (ArgumentException e)
        {
            // Duplicate members, or incarnations that are not one a member: no layout the coordinator builds has them.
            throw reader.Malformed($"the layout's members are not as a coordinator makes them: {e.Message}", e);
        }
    }

    private static IActorRef MemberAt(ProtocolReader reader, IActorRef[] members)
    {
        var index = reader.ReadInt32();
        return index >= 0 && index < members.Length ? members[index] : throw reader.Malformed($"member {index} of {members.Length}");
    }
}
