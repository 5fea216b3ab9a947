using Snapshot.Simulation;

namespace Snapshot.Tests.Simulation;

/// <summary>The reference runs of the COS 418 assignment (see Conformance/README.md), reproduced exactly.</summary>
public sealed class ConformanceTests
{
    private static string Data(string file) => Path.Combine(AppContext.BaseDirectory, "Conformance", file);

    [Theory]
    [InlineData("2nodes.top", "2nodes-simple.events", new[] { "2nodes-simple.snap" })]
    [InlineData("2nodes.top", "2nodes-message.events", new[] { "2nodes-message.snap" })]
    [InlineData("3nodes.top", "3nodes-simple.events", new[] { "3nodes-simple.snap" })]
    [InlineData("8nodes.top", "8nodes-sequential-snapshots.events", new[] { "8nodes-sequential-snapshots0.snap", "8nodes-sequential-snapshots1.snap" })]
    public void Reproduces_the_reference_snapshots(string topology, string events, string[] expected)
    {
        var result = Simulator.Run(TopologyFile.Load(Data(topology)), EventScript.Load(Data(events)), DelayList.Load(Data("delays.txt")));

        var actual = result.Snapshots.Select(SnapFile.From).ToArray();
        Assert.Equal(expected.Length, actual.Length);
        foreach (var (want, got) in expected.Select(file => SnapFile.Load(Data(file))).Zip(actual))
            Assert.True(want.Matches(got), $"expected:\n{want.Write()}\nactual:\n{got.Write()}");
        Assert.All(result.Snapshots, s => Assert.True(s.IsConserved));
    }
}
