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
        var total = 0L;
        while (servers.Count < count)
        {
            if (!lines.MoveNext())
                throw header.Error($"declares {Servers(count)}, but only {servers.Count} follow");
            var server = ParseServer(lines.Current, servers.Count, count, header, serverLines);
            // The simulator checks conservation against the sum of all tokens, so the sum must fit in a long.
            if (server.Tokens > long.MaxValue - total)
                throw lines.Current.Error($"the token counts add up to more than {long.MaxValue}");
            total += server.Tokens;
            servers.Add(server);
        }

        var links = new List<Link>();
        var linkLines = new Dictionary<Link, int>();
        while (lines.MoveNext())
            links.Add(ParseLink(lines.Current, serverLines, header, linkLines));
        return new Topology(source, servers, links);
    }

    private static ServerSpec ParseServer(InputLine line, int declared, long count, InputLine header, Dictionary<string, int> serverLines)
    {
        if (line.Fields.Length != 2)
            throw line.Error($"expected a server line 'SERVER TOKENS' (server {declared + 1} of {count}), found '{line.Text}'");
        if (serverLines.ContainsKey(line.Fields[1]))
            throw line.Error($"expected a server line 'SERVER TOKENS', found the link '{line.Text}': line {header.Number} declares {Servers(count)} but only {declared} are listed");
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
            var hint = long.TryParse(line.Fields[1], out _) ? $" (it looks like a server line, but line {header.Number} declares only {Servers(serverLines.Count)})" : "";
            throw line.Error($"link '{line.Text}' names unknown server '{end}'{hint}");
        }
        var link = new Link(line.Fields[0], line.Fields[1]);
        if (!linkLines.TryAdd(link, line.Number))
            throw line.Error($"link {link} is declared twice (first on line {linkLines[link]})");
        return link;
    }

    private static string Servers(long count) => count == 1 ? "1 server" : $"{count} servers";
}
