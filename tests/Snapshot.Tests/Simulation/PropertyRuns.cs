namespace Snapshot.Tests.Simulation;

/// <summary>How many random runs a property test makes, and from which seed: SNAPSHOT_PROPERTY_RUNS and SNAPSHOT_PROPERTY_SEED when set, else the test's own.</summary>
internal static class PropertyRuns
{
    public static (int Runs, int FirstSeed) Read(int defaultRuns, int defaultFirstSeed) =>
        (Setting("SNAPSHOT_PROPERTY_RUNS", defaultRuns), Setting("SNAPSHOT_PROPERTY_SEED", defaultFirstSeed));

    private static int Setting(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), out var value) ? value : fallback;
}
