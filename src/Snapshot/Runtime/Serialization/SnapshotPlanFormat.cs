using Akka.Actor;
using Snapshot.Runtime.Internal;

namespace Snapshot.Runtime.Serialization;

/// <summary>
/// The wire layout of a <see cref="SnapshotPlan"/>, which every <see cref="Marker"/> and <see cref="Initiate"/> carries.
/// Its <see cref="ChannelLayout"/> travels as its id and a length-prefixed block: the members, then each member's
/// outgoing list (as indices into the members), or one flag when every member sends to every member, so a layout is
/// rebuilt by its own constructor with the same channels in the same order, under the same id. A reader that has
/// seen the id skips the block.
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
        writer.WriteBytes(writer.Nested(nested => nested.WriteLayout(plan.Layout)));
    }

    public static SnapshotPlan ReadPlan(this ProtocolReader reader, LayoutCache layouts)
    {
        var id = reader.ReadId();
        var group = reader.ReadString();
        var coordinator = reader.ReadRef();
        var maxRecordedPerChannel = reader.ReadInt32();
        var deadline = reader.ReadDateTime();
        var settledBelow = reader.ReadId();
        var trace = reader.ReadTraceContext();
        var layoutId = reader.ReadGuid();
        var layout = layouts.LayoutOf(layoutId, reader.ReadBytes(), bytes => reader.Nested(bytes, nested => nested.ReadLayout(layoutId)));
        return new SnapshotPlan(id, group, coordinator, layout, maxRecordedPerChannel, deadline, settledBelow, trace);
    }

    private static void WriteLayout(this ProtocolWriter writer, ChannelLayout layout)
    {
        writer.WriteRefs(layout.Members.Peers);
        writer.WriteList(layout.Incarnations, writer.WriteGuid);
        writer.WriteBool(layout.HasDeclaredChannels);
        if (!layout.HasDeclaredChannels)
            return;
        foreach (var member in layout.Members.Peers)
            writer.WriteList(layout.OutgoingOf(member), to => writer.WriteInt32(layout.Members.IndexOf(to)));
    }

    private static ChannelLayout ReadLayout(this ProtocolReader reader, Guid id)
    {
        var members = reader.ReadRefs();
        var incarnations = reader.ReadList(reader.ReadGuid);
        var declaredOutgoing = new Dictionary<IActorRef, IReadOnlyCollection<IActorRef>>(ActorRefComparer.Instance);
        try
        {
            if (reader.ReadBool())
            {
                foreach (var member in members)
                    declaredOutgoing.Add(member, reader.ReadList(() => MemberAt(reader, members)));
            }
            return new ChannelLayout(id, members, declaredOutgoing, incarnations);
        }
        catch (ArgumentException e)
        {
            // Duplicate members, or incarnations that are not one a member: no layout the coordinator builds has them.
            throw reader.Malformed($"the plan's members are not as a coordinator makes them: {e.Message}", e);
        }
    }

    private static IActorRef MemberAt(ProtocolReader reader, IActorRef[] members)
    {
        var index = reader.ReadInt32();
        return index >= 0 && index < members.Length ? members[index] : throw reader.Malformed($"member {index} of {members.Length}");
    }
}
