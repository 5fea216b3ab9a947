using Snapshot.Runtime.Internal;

namespace Snapshot.Runtime.Tests.Serialization;

/// <summary>Field-by-field equality of protocol messages, since records compare their lists and plans by reference.</summary>
internal static class ProtocolAssert
{
    public static void Equal(object expected, object actual)
    {
        Assert.IsType(expected.GetType(), actual);
        switch (expected)
        {
            case Marker marker:
                PlanEqual(marker.Plan, ((Marker)actual).Plan);
                break;
            case NodeMarker nodeMarker:
                PlanEqual(nodeMarker.Plan, ((NodeMarker)actual).Plan);
                break;
            case Initiate initiate:
                PlanEqual(initiate.Plan, ((Initiate)actual).Plan);
                break;
            case InitiateFirst first:
                PlanEqual(first.Plan, ((InitiateFirst)actual).Plan);
                break;
            case NodeInitiate nodeInitiate:
                PlanEqual(nodeInitiate.Plan, ((NodeInitiate)actual).Plan);
                break;
            case RecordNotices notices:
                PlanEqual(notices.Plan, ((RecordNotices)actual).Plan);
                Assert.Equal(notices.Positions, ((RecordNotices)actual).Positions);
                break;
            case Flush flush:
                PlanEqual(flush.Plan, ((Flush)actual).Plan);
                break;
            case Abandon abandon:
                Assert.Equal(abandon, actual);
                Assert.Equal(abandon.DeadlineUtc.Kind, ((Abandon)actual).DeadlineUtc.Kind);
                break;
            case Abandoned abandoned:
                var abandonedBack = (Abandoned)actual;
                Assert.Equal(abandoned.Id, abandonedBack.Id);
                Assert.Equal(abandoned.Participant, abandonedBack.Participant);
                Assert.Equal(abandoned.HadRecorded, abandonedBack.HadRecorded);
                Assert.Equal(abandoned.AwaitingMarkersFrom, abandonedBack.AwaitingMarkersFrom);
                break;
            case LocalPart part:
                var partBack = (LocalPart)actual;
                Assert.Equal(part.Id, partBack.Id);
                Assert.Equal(part.Participant, partBack.Participant);
                PayloadEqual(part.State, partBack.State);
                Assert.Equal(part.Stashed.Count, partBack.Stashed.Count);
                foreach (var (stashed, stashedBack) in part.Stashed.Zip(partBack.Stashed))
                    PayloadEqual(stashed, stashedBack);
                Assert.Equal(part.Recorded.Count, partBack.Recorded.Count);
                foreach (var (recorded, recordedBack) in part.Recorded.Zip(partBack.Recorded))
                {
                    Assert.Equal(recorded.From, recordedBack.From);
                    Assert.Equal(recorded.To, recordedBack.To);
                    PayloadEqual(recorded.Message, recordedBack.Message);
                }
                break;
            case Register register:
                var registerBack = (Register)actual;
                Assert.Equal(register with { DeclaredOutgoing = null }, registerBack with { DeclaredOutgoing = null });
                Assert.Equal(register.DeclaredOutgoing, registerBack.DeclaredOutgoing);
                break;
            case CollectedMembers collected:
                var collectedBack = (CollectedMembers)actual;
                Assert.Equal((collected.Request, collected.Version), (collectedBack.Request, collectedBack.Version));
                Assert.Equal(collected.Members is null, collectedBack.Members is null);
                foreach (var (member, memberBack) in (collected.Members ?? []).Zip(collectedBack.Members ?? []))
                {
                    Assert.Equal(member.Participant, memberBack.Participant);
                    Assert.Equal(member.DeclaredOutgoing, memberBack.DeclaredOutgoing);
                    Assert.Equal(member.Incarnation, memberBack.Incarnation);
                    Assert.Equal(member.Stamped, memberBack.Stamped);
                }
                break;
            case ShareLayout share:
                var shareBack = (ShareLayout)actual;
                Assert.Equal(share.Group, shareBack.Group);
                Assert.Equal(share.StillUsed, shareBack.StillUsed);
                LayoutEqual(share.Layout, shareBack.Layout);
                break;
            case MessagePiece piece:
                Assert.Equal(piece with { Bytes = [] }, ((MessagePiece)actual) with { Bytes = [] });
                Assert.Equal(piece.Bytes, ((MessagePiece)actual).Bytes);
                break;
            case PartBatchChunk chunk:
                Assert.Equal(chunk with { Bytes = [] }, ((PartBatchChunk)actual) with { Bytes = [] });
                Assert.Equal(chunk.Bytes, ((PartBatchChunk)actual).Bytes);
                break;
            default:
                // The rest hold only values and refs, which records compare field by field.
                Assert.Equal(expected, actual);
                break;
        }
    }

    public static void PlanEqual(SnapshotPlan expected, SnapshotPlan actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Group, actual.Group);
        Assert.Equal(expected.Coordinator, actual.Coordinator);
        LayoutEqual(expected.Layout, actual.Layout);
        Assert.Equal(expected.MaxRecordedPerChannel, actual.MaxRecordedPerChannel);
        Assert.Equal(expected.DeadlineUtc, actual.DeadlineUtc);
        Assert.Equal(expected.DeadlineUtc.Kind, actual.DeadlineUtc.Kind);
        Assert.Equal(expected.SettledBelow, actual.SettledBelow);
        Assert.Equal(expected.Trace, actual.Trace);
    }

    public static void LayoutEqual(ChannelLayout expected, ChannelLayout actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.True(actual.IsKnown);
        Assert.Equal(expected.Incarnations, actual.Incarnations);
        Assert.Equal(expected.Members.Peers, actual.Members.Peers);
        Assert.Equal(expected.HasDeclaredChannels, actual.HasDeclaredChannels);
        Assert.Equal(expected.IsStamped, actual.IsStamped);
        foreach (var member in expected.Members.Peers)
        {
            Assert.Equal(expected.OutgoingOf(member), actual.OutgoingOf(member));
            Assert.Equal(expected.IncomingOf(member), actual.IncomingOf(member));
        }
    }

    private static void PayloadEqual(object? expected, object? actual)
    {
        if (expected is Ledger ledger)
        {
            var ledgerBack = Assert.IsType<Ledger>(actual);
            Assert.Equal(ledger with { Entries = [] }, ledgerBack with { Entries = [] });
            Assert.Equal(ledger.Entries, ledgerBack.Entries);
            return;
        }
        Assert.Equal(expected?.GetType(), actual?.GetType());
        Assert.Equal(expected, actual);
    }
}
