using System.Text.RegularExpressions;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Snapshot.Runtime.Tests.Readme;

/// <summary>Runs each variant of the README's example; the plain and hosted ones start ActorSystems of their own.</summary>
public sealed class EmbeddingExampleSpec : TestKit
{
    [Fact]
    public async Task The_plain_example_takes_ten_snapshots_that_all_hold_the_banks_money()
    {
        var taken = await Bank.RunAsync();

        Assert.Equal(10, taken.Count);
        Assert.All(taken, s => Assert.Equal(Bank.Money, Bank.Total(s)));
    }

    [Fact]
    public async Task The_hosted_example_takes_snapshots_of_its_default_group()
    {
        using var host = HostedBank.Build();
        await host.StartAsync();
        try
        {
            var snapshots = GlobalSnapshots.Get(host.Services.GetRequiredService<ActorSystem>());
            Assert.Equal(TimeSpan.FromSeconds(10), snapshots.Settings.DefaultTimeout);

            var snapshot = await snapshots.TakeAsync();

            Assert.Equal("bank", snapshot.Group);
            Assert.Equal(4, snapshot.Processes.Count);
            Assert.Equal(Bank.Money, Bank.Total(snapshot));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Theory]
    [InlineData("## Embedding", "EmbeddingExample.cs")]
    [InlineData("## Metrics and traces", "TelemetryExample.cs")]
    [InlineData("## Restore from a checkpoint", "RestoreExample.cs")]
    [InlineData("## Analyses", "AnalysisExample.cs")]
    public void Every_code_line_of_the_README_section_is_in_the_example_in_the_same_order(string heading, string file)
    {
        var example = CodeLines(File.ReadAllText(Path.Combine(RepositoryRoot(), "tests", "Snapshot.Runtime.Tests", "Readme", file)));
        var blocks = ReadmeCodeBlocks(File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")), heading);

        Assert.NotEmpty(blocks);
        Assert.All(blocks, block => Assert.True(
            Enumerable.Range(0, example.Count - block.Count + 1).Any(start => example.Skip(start).Take(block.Count).SequenceEqual(block)),
            $"this README code is not in {file} as written:\n{string.Join("\n", block)}"));
    }

    [Fact]
    public async Task A_teller_takes_part_through_its_SnapshotParticipant()
    {
        var teller = Sys.ActorOf(Props.Create(() => new Teller()), "teller");
        teller.Tell("next, please");
        teller.Tell("next, please");
        await AwaitAssertAsync(async () => Assert.Single(await GlobalSnapshots.Get(Sys).ParticipantsAsync("tellers")));

        var snapshot = await GlobalSnapshots.Get(Sys).TakeAsync("tellers");

        Assert.Equal(2, Assert.Single(snapshot.Processes).State);
    }

    // Lines compared trimmed and without blank ones: README snippets may be indented less than the file.
    private static List<string> CodeLines(string code) =>
        code.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0).ToList();

    private static List<List<string>> ReadmeCodeBlocks(string readme, string heading)
    {
        var section = readme[readme.IndexOf(heading, StringComparison.Ordinal)..];
        var next = section.IndexOf("\n## ", heading.Length, StringComparison.Ordinal);
        section = next < 0 ? section : section[..next];
        return Regex.Matches(section, "```csharp\r?\n(.*?)```", RegexOptions.Singleline)
            .Select(m => CodeLines(m.Groups[1].Value))
            .ToList();
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory.FullName, "Snapshot.sln")))
            directory = directory.Parent ?? throw new InvalidOperationException($"no Snapshot.sln above {AppContext.BaseDirectory}");
        return directory.FullName;
    }
}
