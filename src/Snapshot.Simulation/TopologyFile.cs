namespace Snapshot.Simulation;

/// <summary>
/// Reads the <c>.top</c> format: a line with the number of servers N; N lines <c>SERVER TOKENS</c>;
/// then one line <c>SRC DST</c> per unidirectional link. Lines starting with <c>#</c> are comments.
/// </summary>
public static class TopologyFile
{
    public static Topology Load(string path) => Parse(InputLine.ReadFile(path), path);

    public static Topology Parse(string text, string source)
    {
        using var lines = InputLine.ReadAll(text, source).GetEnumerator();
        if (!lines.MoveNext())
            throw new SimulationInputException(source, null, "the file is empty: expected the number of servers on the first line");
        var header = lines.Current;
        if (header.Fields.Length != 1)
            throw header.Error($"expected the number of servers alone on the line, found '{header.Text}'");
        var count = header.WholeNumber(0, "the number of servers", 1);

        var servers = new List<ServerSpec>();
        var serverLines = new Dictionary<string, int>(StringComparer.Ordinal);
        while (servers.Count < count)
        {
            if (!lines.MoveNext())
                throw header.Error($"declares {count} servers, but only {servers.Count} server lines follow");
            servers.Add(ParseServer(lines.Current, servers.Count, header, serverLines));
        }

        var links = new List<Link>();
        var linkLines = new Dictionary<Link, int>();
        while (lines.MoveNext())
            links.Add(ParseLink(lines.Current, serverLines, header, linkLines));
        return new Topology(source, servers, links);
    }

    private static ServerSpec ParseServer(InputLine line, int declared, InputLine header, Dictionary<string, int> serverLines)
    {
        var count = header.Fields[0];
        if (line.Fields.Length != 2)
            throw line.Error($"expected a server line 'SERVER TOKENS' ({declared} of {count} declared so far), found '{line.Text}'");
        if (serverLines.ContainsKey(line.Fields[1]))
            throw line.Error($"expected a server line 'SERVER TOKENS', found the link '{line.Text}': line {header.Number} declares {count} servers but only {declared} are listed");
        var tokens = line.WholeNumber(1, $"the token count of server '{line.Fields[0]}'", 0);
        if (!serverLines.TryAdd(line.Fields[0], line.Number))
            throw line.Error($"server '{line.Fields[0]}' is declared twice (first on line {serverLines[line.Fields[0]]})");
        return new ServerSpec(line.Fields[0], tokens);
    }

    private static Link ParseLink(InputLine line, Dictionary<string, int> serverLines, InputLine header, Dictionary<Link, int> linkLines)
    {
        if (line.Fields.Length != 2)
            throw line.Error($"expected a link 'SRC DST', found '{line.Text}'");
        foreach (var end in line.Fields.Where(end => !serverLines.ContainsKey(end)))
        {
            var hint = long.TryParse(line.Fields[1], out _) ? $" (it looks like a server line, but line {header.Number} declares only {header.Fields[0]} servers)" : "";
            throw line.Error($"link '{line.Text}' names unknown server '{end}'{hint}");
        }
        var link = new Link(line.Fields[0], line.Fields[1]);
        if (!linkLines.TryAdd(link, line.Number))
            throw line.Error($"link {link} is declared twice (first on line {linkLines[link]})");
        return link;
    }
}
