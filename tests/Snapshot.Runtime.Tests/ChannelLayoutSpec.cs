using Akka.Actor;
using Snapshot.Runtime.Internal;

namespace Snapshot.Runtime.Tests;

/// <summary>The coordinator reuses a group's layout only while its members and their declared channels are the same.</summary>
public sealed class ChannelLayoutSpec : Akka.TestKit.Xunit2.TestKit
{
    [Fact]
    public void Matches_the_same_members_in_the_same_order_declaring_the_same_channels()
    {
        var (a, b, c) = (CreateTestProbe("a").Ref, CreateTestProbe("b").Ref, CreateTestProbe("c").Ref);
        var layout = ChannelLayout.Of([new GroupMember(a, [b]), new GroupMember(b, null)]);

        Assert.True(layout.Matches([new GroupMember(a, [b]), new GroupMember(b, null)]));
        Assert.False(layout.Matches([new GroupMember(b, null), new GroupMember(a, [b])]));
        Assert.False(layout.Matches([new GroupMember(a, [b]), new GroupMember(b, null), new GroupMember(c, null)]));
        Assert.False(layout.Matches([new GroupMember(a, null), new GroupMember(b, null)]));
        Assert.False(layout.Matches([new GroupMember(a, [b, c]), new GroupMember(b, null)]));
        Assert.False(layout.Matches([new GroupMember(a, [b]), new GroupMember(b, [a])]));
    }

    [Fact]
    public void Derives_every_channel_with_a_self_channel_for_each_member()
    {
        var (a, b, outsider) = (CreateTestProbe("a").Ref, CreateTestProbe("b").Ref, CreateTestProbe("outsider").Ref);
        var layout = ChannelLayout.Of([new GroupMember(a, [b, outsider, b]), new GroupMember(b, null)]);

        Assert.Equal<IActorRef>([b, a], layout.OutgoingOf(a));
        Assert.Equal<IActorRef>([a, b], layout.OutgoingOf(b));
        Assert.Equal<IActorRef>([a, b], layout.IncomingOf(a));
        Assert.Equal<IActorRef>([a, b], layout.IncomingOf(b));
        Assert.Empty(layout.IncomingOf(outsider));
        Assert.Empty(layout.OutgoingOf(outsider));
    }
}
