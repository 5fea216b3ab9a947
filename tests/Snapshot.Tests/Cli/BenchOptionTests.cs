namespace Snapshot.Tests.Cli;

/// <summary><c>snapshot bench</c> and <c>bench scale</c> refuse a bad option before they measure anything.</summary>
public sealed class BenchOptionTests
{
    [Fact]
    public void Pairs_of_zero_names_the_option()
    {
        var run = CliRun.Of("bench", "--quick", "--pairs", "0");
        Assert.Contains("not between 1 and 10000", run.AssertBadInput("--pairs", null));
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void Too_few_messages_names_the_option() =>
        Assert.Contains("fewer than 1000", CliRun.Of("bench", "--messages", "10", "--json").AssertBadInput("--messages", null));

    [Fact]
    public void A_ring_of_no_participants_names_the_option()
    {
        var run = CliRun.Of("bench", "scale", "--ring", "0", "--json");
        Assert.Contains("0 is not between 1 and 1000000", run.AssertBadInput("--ring", null));
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void A_size_that_is_no_number_names_the_option() =>
        Assert.Contains("'x' is not a whole number", CliRun.Of("bench", "scale", "--complete", "10,x").AssertBadInput("--complete", null));

    [Fact]
    public void Fewer_accounts_than_nodes_names_the_option() =>
        Assert.Contains("2 is not between 3 and 100000", CliRun.Of("bench", "scale", "--quick", "--accounts", "30,2").AssertBadInput("--accounts", null));
}
