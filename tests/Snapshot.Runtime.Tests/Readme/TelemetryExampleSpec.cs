namespace Snapshot.Runtime.Tests.Readme;

/// <summary>The README's example of exporting metrics and traces, run with the console it writes to captured.</summary>
[Collection(ConsoleCapture.Name)]
public sealed class TelemetryExampleSpec
{
    [Fact]
    public async Task The_example_exports_the_snapshots_span_its_parts_spans_and_its_metrics_to_the_console()
    {
        var original = Console.Out;
        var captured = new StringWriter();
        Console.SetOut(captured);
        GlobalSnapshot snapshot;
        try
        {
            snapshot = await ObservedBank.RunAsync();
        }
        finally
        {
            Console.SetOut(original);
        }
        File.WriteAllText("/tmp/telemetry-example.txt", captured.ToString());
        Assert.Equal(16, snapshot.Markers);
    }
}

/// <summary>Tests that replace <see cref="Console.Out"/>, which is the whole process's: they run alone, after the others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCapture
{
    public const string Name = "console capture";
}
