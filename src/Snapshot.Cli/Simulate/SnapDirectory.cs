using Snapshot.Simulation;

namespace Snapshot.Cli.Simulate;

/// <summary>Writes snapshots as <c>DIR/&lt;id&gt;.snap</c>.</summary>
public static class SnapDirectory
{
    public static void Write(string directory, IEnumerable<SimulatedSnapshot> snapshots)
    {
        try
        {
            Directory.CreateDirectory(directory);
            foreach (var snapshot in snapshots)
                File.WriteAllText(Path.Combine(directory, $"{snapshot.Id}.snap"), SnapFile.From(snapshot).Write());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new SimulationInputException("--out", null, $"cannot write snapshots to '{directory}': {e.Message}");
        }
    }
}
