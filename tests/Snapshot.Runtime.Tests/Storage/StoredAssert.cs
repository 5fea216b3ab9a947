namespace Snapshot.Runtime.Tests.Storage;

/// <summary>Compares a snapshot read back from the store with the one stored, field by field.</summary>
public static class StoredAssert
{
    /// <summary>
    /// Same id, group, initiator, times (instant and offset), participants with their states and stashes in order,
    /// the channels that held messages with their messages in order, and the count of every channel. Refs compare by path and uid.
    /// </summary>
    public static void Identical(GlobalSnapshot expected, GlobalSnapshot actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Group, actual.Group);
        Assert.Equal(expected.Initiator, actual.Initiator);
        Assert.Equal((expected.StartedAt, expected.StartedAt.Offset), (actual.StartedAt, actual.StartedAt.Offset));
        Assert.Equal((expected.CompletedAt, expected.CompletedAt.Offset), (actual.CompletedAt, actual.CompletedAt.Offset));
        Assert.Equal(expected.Processes.Count, actual.Processes.Count);
        foreach (var (e, a) in expected.Processes.Zip(actual.Processes))
        {
            Assert.Equal(e.Participant, a.Participant);
            Assert.Equal(e.Participant.Path.Uid, a.Participant.Path.Uid);
            Assert.Equal(e.State, a.State);
            Assert.Equal(e.Stashed, a.Stashed);
        }
        Assert.Equal(expected.ChannelCount, actual.ChannelCount);
        Assert.Equal(expected.Channels.Count, actual.Channels.Count);
        foreach (var (e, a) in expected.Channels.Zip(actual.Channels))
        {
            Assert.Equal((e.From, e.To), (a.From, a.To));
            Assert.Equal(e.Messages, a.Messages);
        }
    }
}
