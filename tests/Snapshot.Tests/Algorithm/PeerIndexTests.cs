using Snapshot.Algorithm;

namespace Snapshot.Tests.Algorithm;

public sealed class PeerIndexTests
{
    // Small indexes scan, large ones hash: both sizes must behave the same.
    public static TheoryData<int> Sizes => [0, 1, 3, 8, 9, 40];

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Finds_every_peer_at_its_position_and_nothing_else(int size)
    {
        var peers = Enumerable.Range(0, size).Select(i => $"p{i}").ToArray();
        var index = new PeerIndex<string>(peers);

        Assert.Equal(peers, index.Peers);
        Assert.Equal(Enumerable.Range(0, size), peers.Select(index.IndexOf));
        Assert.All(peers, peer => Assert.True(index.Contains(peer)));
        Assert.Equal(-1, index.IndexOf("stranger"));
        Assert.False(index.Contains("stranger"));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Refuses_a_peer_listed_twice_naming_it_and_the_parameter(int size)
    {
        var peers = Enumerable.Range(0, size).Select(i => $"p{i}").Append("twice").Append("twice");

        var error = Assert.Throws<ArgumentException>(() => new PeerIndex<string>(peers, parameter: "incoming"));

        Assert.Equal("incoming", error.ParamName);
        Assert.Contains("twice", error.Message);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(20)]
    public void Uses_the_comparer_given(int size)
    {
        var index = new PeerIndex<string>(Enumerable.Range(0, size).Select(i => $"P{i}"), StringComparer.OrdinalIgnoreCase);

        Assert.Equal(1, index.IndexOf("p1"));
        Assert.Throws<ArgumentException>(() => new PeerIndex<string>(["a", "A"], StringComparer.OrdinalIgnoreCase));
    }
}
