using Snapshot.Cli;
using Spectre.Console;

namespace Snapshot.Tests.Cli;

/// <summary>
/// Escape codes (colour, bold) only for a terminal: none in output to a file or a pipe, none when <c>NO_COLOR</c> is set to
/// anything, whatever <c>TERM</c> says.
/// </summary>
public sealed class OutputTerminalTests
{
    private const char Escape = '\u001b';

    [Theory]
    [InlineData(true, null, true)]
    [InlineData(true, "", true)]
    [InlineData(false, "1", true)]
    [InlineData(false, "0", true)]
    [InlineData(false, "", false)]
    [InlineData(false, null, false)]
    public void Plain_when_redirected_or_NO_COLOR_is_set_to_anything(bool redirected, string? noColor, bool plain)
    {
        var terminal = new OutputTerminal(redirected, name => name == "NO_COLOR" ? noColor : null);

        var settings = terminal.ConsoleSettings(new StringWriter());

        Assert.Equal(plain, terminal.Plain);
        Assert.Equal(plain ? (AnsiSupport.No, ColorSystemSupport.NoColors) : (AnsiSupport.Detect, ColorSystemSupport.Detect), (settings.Ansi, settings.ColorSystem));
        if (plain)
        {
            var capabilities = AnsiConsole.Create(settings).Profile.Capabilities;
            Assert.Equal((false, ColorSystem.NoColors), (capabilities.Ansi, capabilities.ColorSystem));
        }
    }

    [Fact]
    public void A_terminal_with_NO_COLOR_gets_the_report_without_escape_codes()
    {
        var run = CliRun.On(new OutputTerminal(OutputRedirected: false, name => name == "NO_COLOR" ? "1" : null), "simulate");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("in flight = 3000 of 3000: conserved", run.Output);
        Assert.DoesNotContain(Escape, run.Output);
    }
}
