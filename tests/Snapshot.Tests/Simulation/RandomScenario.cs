using System.Text;
using Snapshot.Simulation;

namespace Snapshot.Tests.Simulation;

/// <summary>
/// A random network and script, written in the <c>.top</c> and <c>.events</c> formats so that a failing run
/// can be replayed with <c>snapshot simulate</c>. Server names are N1…N30, which sort differently as
/// strings than as numbers.
/// </summary>
public sealed record RandomScenario(int Seed, string Shape, string TopologyText, string EventsText)
{
    public const int MaxServers = 30;

    public Topology Topology => TopologyFile.Parse(TopologyText, $"seed {Seed} (topology)");

    public EventScript Events => EventScript.Parse(EventsText, $"seed {Seed} (events)");

    public IDelaySource Delays => new SeededDelays(Seed);

    public string Replay => $"--- {Shape}, delays random:{Seed}\n--- topology\n{TopologyText}--- events\n{EventsText}";

    public static RandomScenario Generate(int seed)
    {
        var random = new Random(seed);
        var servers = Enumerable.Range(1, random.Next(1, MaxServers + 1)).Select(i => $"N{i}").ToArray();
        var (shape, links) = RandomLinks(random, servers);
        if (random.Next(4) == 0)
            links.UnionWith(servers.Where(_ => random.Next(3) == 0).Select(s => (s, s)));
        var tokens = servers.ToDictionary(s => s, _ => (long)random.Next(0, 101));

        var top = new StringBuilder().AppendLine(servers.Length.ToString());
        foreach (var server in servers)
            top.AppendLine($"{server} {tokens[server]}");
        foreach (var (from, to) in links.OrderBy(_ => random.Next()))
            top.AppendLine($"{from} {to}");

        var topology = TopologyFile.Parse(top.ToString(), "generated");
        var initiators = servers.Where(s => topology.ReachableFrom(s).Count == servers.Length).ToArray();
        return new RandomScenario(seed, shape, top.ToString(), RandomEvents(random, initiators, [.. links], tokens));
    }

    private static (string Shape, HashSet<(string, string)> Links) RandomLinks(Random random, string[] servers)
    {
        var links = new HashSet<(string, string)>();
        var order = servers.OrderBy(_ => random.Next()).ToArray();
        var extra = random.Next(0, servers.Length * 2);
        switch (random.Next(4))
        {
            case 0:
                foreach (var from in servers)
                    links.UnionWith(servers.Where(to => to != from).Select(to => (from, to)));
                return ("complete graph", links);
            case 1:
                for (var i = 1; i < order.Length; i++)
                    AddBothWays(links, order[i], order[random.Next(i)]);
                for (var i = 0; i < extra; i++)
                    AddBothWays(links, Pick(random, servers), Pick(random, servers));
                return ("connected, every link both ways", links);
            case 2:
                for (var i = 0; i < order.Length; i++)
                    Add(links, order[i], order[(i + 1) % order.Length]);
                for (var i = 0; i < extra; i++)
                    Add(links, Pick(random, servers), Pick(random, servers));
                return ("directed, strongly connected", links);
            default:
                for (var i = 1; i < order.Length; i++)
                    Add(links, order[random.Next(i)], order[i]);
                for (var i = 0; i < extra; i++)
                    Add(links, Pick(random, servers), Pick(random, servers));
                return ("directed, reachable from its root only", links);
        }
    }

    private static string RandomEvents(Random random, string[] initiators, (string From, string To)[] links, Dictionary<string, long> tokens)
    {
        // A sender never gives more than it started with minus what it gave: whatever it receives only adds to that.
        var surely = new Dictionary<string, long>(tokens);
        var events = new StringBuilder();
        var snapshots = 0;
        var count = random.Next(1, 80);
        for (var i = 0; i < count || snapshots == 0; i++)
        {
            var roll = random.Next(10);
            if (roll < 5 && links.Length > 0)
            {
                var (from, to) = links[random.Next(links.Length)];
                if (surely[from] == 0)
                    continue;
                var amount = random.Next(1, (int)Math.Min(surely[from], 20) + 1);
                surely[from] -= amount;
                events.AppendLine($"send {from} {to} {amount}");
            }
            else if (roll < 7 && snapshots < 6)
            {
                snapshots++;
                events.AppendLine($"snapshot {initiators[random.Next(initiators.Length)]}");
            }
            else
            {
                events.AppendLine(random.Next(2) == 0 ? "tick" : $"tick {random.Next(1, 6)}");
            }
        }
        return events.ToString();
    }

    private static string Pick(Random random, string[] servers) => servers[random.Next(servers.Length)];

    private static void Add(HashSet<(string, string)> links, string from, string to)
    {
        if (from != to)
            links.Add((from, to));
    }

    private static void AddBothWays(HashSet<(string, string)> links, string a, string b)
    {
        Add(links, a, b);
        Add(links, b, a);
    }
}
