using Snapshot.Cli;

namespace Snapshot.Tests.Cli;

public sealed class CountedTests
{
    [Theory]
    [InlineData(0, "0 snapshots")]
    [InlineData(1, "1 snapshot")]
    [InlineData(2, "2 snapshots")]
    public void A_count_of_one_takes_the_singular(long count, string text) => Assert.Equal(text, Counted.Of(count, "snapshot"));

    [Fact]
    public void An_irregular_plural_is_given() =>
        Assert.Equal(("1 transfer or sync", "3 transfers or syncs"),
            (Counted.Of(1, "transfer or sync", "transfers or syncs"), Counted.Of(3, "transfer or sync", "transfers or syncs")));
}
