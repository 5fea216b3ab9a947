namespace Snapshot.Simulation;

/// <summary>A server of the simulated network and the tokens it starts with.</summary>
public sealed record ServerSpec(string Id, long Tokens);

/// <summary>A unidirectional FIFO link.</summary>
public readonly record struct Link(string From, string To)
{
    public override string ToString() => $"{From} → {To}";
}

/// <summary>The servers and links of a simulated network, as declared in a <c>.top</c> file.</summary>
public sealed record Topology(string Source, IReadOnlyList<ServerSpec> Servers, IReadOnlyList<Link> Links)
{
    public long TotalTokens => Servers.Sum(s => s.Tokens);

    public bool HasServer(string id) => Servers.Any(s => s.Id == id);

    /// <summary>The servers a marker starting at <paramref name="origin"/> reaches, following links.</summary>
    public IReadOnlySet<string> ReachableFrom(string origin)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal) { origin };
        var frontier = new Queue<string>([origin]);
        while (frontier.TryDequeue(out var server))
        {
            foreach (var link in Links.Where(l => l.From == server && reached.Add(l.To)))
                frontier.Enqueue(link.To);
        }
        return reached;
    }
}
