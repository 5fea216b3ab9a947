namespace Snapshot.Tests.Cli;

/// <summary><c>snapshot bench</c> refuses a bad option before it measures anything; the benchmark itself is never run in tests.</summary>
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
}
