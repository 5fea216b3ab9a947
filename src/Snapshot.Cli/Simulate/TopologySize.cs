using Snapshot.Simulation;

namespace Snapshot.Cli.Simulate;

/// <summary>
/// The most servers and channels <c>simulate</c> takes, checked by counting the file's lines before it is loaded:
/// a 5,000-server complete graph (25 million channels) ran for minutes, grew past 7 GB and printed nothing.
/// Measured on the 2-core build machine while busy (load average about 45): a ring of 1,000 servers took 4.8 s and
/// one of 3,000 took 21 s (the time grows with the square of the servers); complete graphs of 100 servers
/// (9,900 channels) 0.9 s, 200 (39,800) 13 s, 600 (359,400) 56 s. The limits keep a run to seconds.
/// Only up to the limits is counted, so that refusing a huge file takes no longer than reading an allowed one.
/// </summary>
public static class TopologySize
{
    public const int MaxServers = 1_000;

    public const int MaxChannels = 40_000;

    /// <exception cref="SimulationInputException">The file declares more servers, or lists more channels, than the limits.</exception>
    public static void Check(string path)
    {
        IEnumerable<string> lines;
        try
        {
            lines = File.ReadLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return; // the topology reader says what is wrong with the file
        }
        // The format's significant lines: the server count, one line per server, one per channel.
        var significant = lines.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'));
        long servers = -1, count = 0;
        foreach (var line in significant)
        {
            if (servers < 0)
            {
                if (!long.TryParse(line, out servers))
                    return; // not a count: the topology reader reports it against its line
                if (servers > MaxServers)
                    throw TooLarge(path, $"{servers} servers");
            }
            if (++count - 1 - servers > MaxChannels)
                throw TooLarge(path, $"{servers} servers and more than {MaxChannels} channels");
        }
    }

    private static SimulationInputException TooLarge(string path, string size) =>
        new(path, null, $"{size}: simulate takes at most {MaxServers} servers and {MaxChannels} channels (a larger network runs for minutes, using gigabytes, before it prints anything)");
}
