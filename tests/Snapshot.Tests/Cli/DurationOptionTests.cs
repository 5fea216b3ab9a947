using Snapshot.Cli;

namespace Snapshot.Tests.Cli;

/// <summary>
/// Durations longer than .NET timers take are refused before the command starts anything: one error line naming the
/// option, the value and the longest value it accepts; exit code 2.
/// </summary>
public sealed class DurationOptionTests
{
    [Theory]
    [InlineData("--duration", "999999999h", "1000h", "demo", "--duration", "999999999h")]
    [InlineData("--duration", "3000h", "1000h", "demo", "--duration", "3000h", "--interval", "2000h")]
    [InlineData("--interval", "2000h", "1000h", "demo", "--duration", "1000h", "--interval", "2000h")]
    [InlineData("--duration", "999999999h", "1h", "chaos", "--duration", "999999999h")]
    [InlineData("--duration", "2h", "1h", "chaos", "--duration", "2h")]
    [InlineData("--timeout", "2000h", "1000h", "take", "--seed-node", "akka.tcp://snapshot@127.0.0.1:4053", "--timeout", "2000h")]
    [InlineData("--timeout", "60000000m", "1000h", "take", "--seed-node", "akka.tcp://snapshot@127.0.0.1:4053", "--timeout", "60000000m")]
    public void A_duration_past_the_longest_accepted_is_refused_up_front(string option, string value, string longest, params string[] args)
    {
        var run = CliRun.Of(args);

        Assert.Equal($"'{value}' is longer than {longest}, the longest it accepts", run.AssertBadInput(option, null));
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void The_longest_duration_accepted_is_taken_as_it_is() =>
        Assert.Equal(TimeSpan.FromHours(1000), DurationText.Parse("1000h", "--timeout"));
}
