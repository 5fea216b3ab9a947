using System.Globalization;

namespace Snapshot.Cli.Chaos;

/// <summary>What <c>snapshot chaos</c> runs: how long, and the seed of its fault schedule.</summary>
public sealed record ChaosSettings(TimeSpan Duration, int Seed)
{
    public const int Nodes = 3;
    public const int AccountsPerNode = 4;
    public const long OpeningBalance = 1000;

    /// <summary>Short, so that a snapshot a fault broke makes way for the next one soon.</summary>
    public static readonly TimeSpan SnapshotTimeout = TimeSpan.FromSeconds(3);

    /// <summary>A snapshot with neither a result nor a failure this long after it started is hung.</summary>
    public static readonly TimeSpan HungAfter = SnapshotTimeout + TimeSpan.FromSeconds(5);

    /// <summary>Room for a fault schedule: the first fault comes after two seconds, none in the last two.</summary>
    public static readonly TimeSpan ShortestDuration = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan LongestDuration = TimeSpan.FromHours(1);

    /// <param name="seed">The <c>--seed</c> text; a random seed when null.</param>
    public static ChaosSettings Parse(string duration, string? seed)
    {
        var length = DurationText.Parse(duration, "--duration", LongestDuration);
        if (length < ShortestDuration)
            throw new UsageException("--duration", $"'{duration}' is not from {DurationText.Format(ShortestDuration)} to {DurationText.Format(LongestDuration)}");
        if (seed is null)
            return new ChaosSettings(length, Random.Shared.Next());
        if (!int.TryParse(seed, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            throw new UsageException("--seed", $"'{seed}' is not a whole number from 0 to {int.MaxValue}");
        return new ChaosSettings(length, number);
    }
}
