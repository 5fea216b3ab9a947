using Snapshot.Runtime.Coordination;

namespace Snapshot.Runtime.Tests;

/// <summary>A node's coordinator keeps each group's participants in registration order through removals and returns.</summary>
public sealed class GroupMembersSpec : Akka.TestKit.Xunit2.TestKit
{
    [Fact]
    public void Members_stay_in_registration_order_through_removals_and_a_returning_one_goes_last_once()
    {
        var (a, b, c) = (CreateTestProbe("a").Ref, CreateTestProbe("b").Ref, CreateTestProbe("c").Ref);
        var group = new GroupMembers();
        foreach (var member in new[] { a, b, c })
            Assert.False(group.Register(member, Guid.NewGuid(), null));

        Assert.True(group.Remove(b));
        Assert.False(group.Remove(b));
        Assert.Equal(2, group.Count);
        Assert.Equal([a, c], group.AsGroupMembers.Select(m => m.Participant));

        Assert.True(group.Remove(a));
        group.Register(a, Guid.NewGuid(), [c]);
        Assert.Equal([c, a], group.AsGroupMembers.Select(m => m.Participant));
        Assert.Equal([c], group.AsGroupMembers[1].DeclaredOutgoing!);
    }

    [Fact]
    public void A_new_instance_of_a_registered_participant_is_a_restart_and_its_incarnation_is_listed()
    {
        var a = CreateTestProbe("a").Ref;
        var group = new GroupMembers();
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());

        Assert.False(group.Register(a, first, null));
        Assert.False(group.Register(a, first, [a]));
        Assert.True(group.Register(a, second, null));
        Assert.Equal(second, group.AsGroupMembers.Single().Incarnation);
    }
}
