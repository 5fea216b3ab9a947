using Snapshot.Algorithm;

namespace Snapshot.Tests.Algorithm;

/// <summary>Gathering who is in a snapshot, scripted: this node is n1, the others answer in any order.</summary>
public sealed class MemberGatheringTests
{
    private static MemberGathering<string, string> Gathering() => new(StringComparer.Ordinal);

    [Fact]
    public void A_request_no_other_node_is_asked_about_is_complete_at_once_with_the_local_members()
    {
        var gathering = Gathering();

        Assert.Equal(["a@n1"], gathering.Begin(Guid.NewGuid(), ["a@n1"], asked: []));
        Assert.Equal(0, gathering.Count);
    }

    [Fact]
    public void Completes_on_the_last_answer_with_this_nodes_members_first_then_each_nodes_in_node_order_as_sent()
    {
        var gathering = Gathering();
        var request = Guid.NewGuid();
        Assert.Null(gathering.Begin(request, ["z@n1"], asked: ["n3", "n2"]));

        Assert.True(gathering.Answer(request, "n3", ["d@n3", "c@n3"], out var complete));
        Assert.Null(complete);
        Assert.Equal(["n2"], gathering.Awaited(request));
        Assert.True(gathering.Answer(request, "n2", ["b@n2"], out complete));

        Assert.Equal(["z@n1", "b@n2", "d@n3", "c@n3"], complete);
        Assert.False(gathering.IsGathering(request));
        Assert.False(gathering.Answer(request, "n2", ["late@n2"], out complete));
        Assert.Null(complete);
    }

    [Fact]
    public void A_member_gone_leaves_the_answers_its_node_already_gave_and_no_other_nodes_members()
    {
        var gathering = Gathering();
        var (answered, awaiting) = (Guid.NewGuid(), Guid.NewGuid());
        gathering.Begin(answered, ["gone@n1"], asked: ["n2", "n3"]);
        gathering.Answer(answered, "n2", ["b@n2", "gone@n2"], out _);
        gathering.Begin(awaiting, ["a@n1"], asked: ["n2"]);

        gathering.Remove("n2", member => member.StartsWith("gone", StringComparison.Ordinal));

        Assert.True(gathering.Answer(answered, "n3", ["gone@n3", "c@n3"], out var complete));
        Assert.Equal(["gone@n1", "b@n2", "gone@n3", "c@n3"], complete);
        Assert.True(gathering.Answer(awaiting, "n2", ["b@n2"], out var later));
        Assert.Equal(["a@n1", "b@n2"], later);
    }

    [Fact]
    public void An_answer_from_a_node_not_asked_or_asked_and_already_answered_adds_nothing()
    {
        var gathering = Gathering();
        var request = Guid.NewGuid();
        gathering.Begin(request, [], asked: ["n2", "n3"]);

        gathering.Answer(request, "n2", ["b@n2"], out _);
        gathering.Answer(request, "n2", ["again@n2"], out _);
        gathering.Answer(request, "n4", ["stranger@n4"], out _);
        gathering.Answer(request, "n3", ["c@n3"], out var complete);

        Assert.Equal(["b@n2", "c@n3"], complete);
    }

    [Fact]
    public void A_lost_node_completes_the_requests_it_was_the_last_awaited_in_without_its_members_and_leaves_the_others_waiting()
    {
        var gathering = Gathering();
        var (lastAwaited, stillWaiting, notAsked) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        gathering.Begin(lastAwaited, ["a@n1"], asked: ["n2", "n3"]);
        gathering.Answer(lastAwaited, "n2", ["b@n2"], out _);
        gathering.Begin(stillWaiting, ["a@n1"], asked: ["n2", "n3"]);
        gathering.Begin(notAsked, ["a@n1"], asked: ["n2"]);

        var completed = gathering.NodeLost("n3");

        Assert.Equal([(lastAwaited, "a@n1,b@n2")], completed.Select(c => (c.Request, string.Join(",", c.Members))));
        Assert.Equal(["n2"], gathering.Awaited(stillWaiting));
        Assert.Equal(2, gathering.Count);
    }

    [Fact]
    public void A_lost_association_fails_the_requests_waiting_for_that_node_and_only_those()
    {
        var gathering = Gathering();
        var (waiting, answered) = (Guid.NewGuid(), Guid.NewGuid());
        gathering.Begin(waiting, [], asked: ["n2", "n3"]);
        gathering.Begin(answered, [], asked: ["n2", "n3"]);
        gathering.Answer(answered, "n3", [], out _);

        Assert.Equal([waiting], gathering.AssociationLost("n3"));
        Assert.False(gathering.IsGathering(waiting));
        Assert.True(gathering.IsGathering(answered));
        Assert.Empty(gathering.AssociationLost("n3"));
    }

    [Fact]
    public void Ending_a_request_names_the_nodes_that_never_answered_once()
    {
        var gathering = Gathering();
        var request = Guid.NewGuid();
        gathering.Begin(request, [], asked: ["n2", "n3"]);
        gathering.Answer(request, "n2", [], out _);

        Assert.Equal(["n3"], gathering.End(request));
        Assert.Null(gathering.End(request));
        Assert.Empty(gathering.Awaited(request));
        Assert.Equal(0, gathering.Count);
    }

    [Fact]
    public void Beginning_a_request_twice_is_a_driver_error()
    {
        var gathering = Gathering();
        var request = Guid.NewGuid();
        gathering.Begin(request, [], asked: ["n2"]);

        Assert.Throws<ArgumentException>(() => gathering.Begin(request, [], asked: ["n2"]));
    }
}
