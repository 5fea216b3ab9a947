using System.Text.RegularExpressions;

namespace Snapshot.Runtime.Tests.Readme;

/// <summary>The README's example of exporting metrics and traces, run with the console it writes to captured.</summary>
[Collection(ConsoleCapture.Name)]
public sealed partial class TelemetryExampleSpec
{
    [Fact]
    public async Task The_example_prints_what_the_README_quotes_ids_times_and_counts_in_flight_aside()
    {
        var (snapshot, printed) = await RunCapturingConsoleAsync();
        var items = ConsoleExport.Items(printed);

        Assert.Equal(16, snapshot.Markers);
        var quoted = ConsoleExport.Items(Assert.Single(ReadmeFile.Blocks("## Metrics and traces", "text")));
        Assert.Equal(5, quoted.Count); // a part span, the snapshot's span, three metrics: as the README says
        Assert.All(quoted, item => Assert.True(items.Contains(item),
            $"the README quotes this, which the example did not print:\n{item}\n\nit printed:\n{printed}"));
    }

    [Fact]
    public async Task The_example_prints_one_snapshot_span_and_under_it_one_part_span_per_account()
    {
        var (_, printed) = await RunCapturingConsoleAsync();

        var spans = SpanLine().Matches(printed).Select(m => (Trace: m.Groups["trace"].Value, Span: m.Groups["span"].Value,
            Parent: m.Groups["parent"].Value, Name: m.Groups["name"].Value)).ToList();
        var snapshot = Assert.Single(spans, s => s.Name == "snapshot");
        var parts = spans.Where(s => s.Name == "snapshot.part").ToList();
        Assert.Equal(4, parts.Count);
        Assert.All(parts, part => Assert.Equal((snapshot.Trace, snapshot.Span), (part.Trace, part.Parent)));
    }

    private static async Task<(GlobalSnapshot Snapshot, string Printed)> RunCapturingConsoleAsync()
    {
        var original = Console.Out;
        var captured = new StringWriter();
        Console.SetOut(captured);
        try
        {
            return (await ObservedBank.RunAsync(), captured.ToString());
        }
        finally
        {
            Console.SetOut(original);
        }
    }

    [GeneratedRegex(@"Activity\.TraceId:\s+(?<trace>\w+)\nActivity\.SpanId:\s+(?<span>\w+)\nActivity\.TraceFlags:.*\n(?:Activity\.ParentSpanId:\s+(?<parent>\w+)\n)?Activity\.DisplayName:\s+(?<name>\S+)")]
    private static partial Regex SpanLine();
}

/// <summary>Tests that replace <see cref="Console.Out"/>, which is the whole process's: they run alone, after the others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCapture
{
    public const string Name = "console capture";
}
