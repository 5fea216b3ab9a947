namespace Snapshot.Runtime.Tests.Readme;

/// <summary>
/// The README's C# is the examples' code: each <c>csharp</c> block of a section is, line for line, one
/// <c>#region README</c> of its example file, in the same order, and no region or block is left over. The examples
/// are compiled and run by their own specs; what lies outside the regions is the scaffolding a test needs.
/// </summary>
public sealed class ReadmeCodeSpec
{
    [Theory]
    [InlineData("## Embedding", "EmbeddingExample.cs")]
    [InlineData("## Metrics and traces", "TelemetryExample.cs")]
    [InlineData("## Restore from a checkpoint", "RestoreExample.cs")]
    [InlineData("## Analyses", "AnalysisExample.cs")]
    public void Every_code_block_of_the_README_section_is_a_README_region_of_the_example_line_for_line(string heading, string file)
    {
        var blocks = ReadmeFile.Blocks(heading, "csharp").Select(CodeLines).ToList();
        var regions = Regions(ReadmeFile.Read("tests", "Snapshot.Runtime.Tests", "Readme", file));

        Assert.NotEmpty(blocks);
        Assert.True(blocks.Count == regions.Count,
            $"'{heading}' has {blocks.Count} code blocks and {file} has {regions.Count} README regions: change both together");
        foreach (var (block, region) in blocks.Zip(regions))
            Assert.True(block.SequenceEqual(region),
                $"a code block of '{heading}' differs from its README region in {file}:\n--- README\n{string.Join("\n", block)}\n--- {file}\n{string.Join("\n", region)}");
    }

    // Lines compared trimmed and without blank ones: README blocks may be indented less than the file.
    private static List<string> CodeLines(string code) =>
        code.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0).ToList();

    private static List<List<string>> Regions(string example)
    {
        var regions = new List<List<string>>();
        List<string>? open = null;
        foreach (var line in CodeLines(example))
        {
            if (line == "#region README")
                regions.Add(open = []);
            else if (line == "#endregion" && open is not null)
                open = null;
            else
                open?.Add(line);
        }
        return regions;
    }
}
