namespace Snapshot.Simulation;

/// <summary>
/// The <c>.snap</c> format: the snapshot id; one <c>SERVER TOKENS</c> line per server; one
/// <c>SRC DST token(N)</c> line per recorded message. Servers are written in ordinal order, messages
/// grouped by receiving server (ordinal order) and, for each, in the order they arrived at it.
/// </summary>
public sealed record SnapFile(long Id, IReadOnlyDictionary<string, long> Tokens, IReadOnlyList<SnapFile.Message> Messages)
{
    /// <summary>One recorded message.</summary>
    public sealed record Message(string From, string To, long Amount)
    {
        public override string ToString() => $"{From} {To} token({Amount})";
    }

    public static SnapFile From(SimulatedSnapshot snapshot) => new(
        snapshot.Id.Value,
        snapshot.Cut.Processes.ToDictionary(p => p.Process, p => p.State, StringComparer.Ordinal),
        [.. snapshot.Cut.Processes
            .OrderBy(p => p.Process, StringComparer.Ordinal)
            .SelectMany(p => p.Received)
            .Select(m => new Message(m.From, m.To, m.Message.Amount))]);

    public static SnapFile Load(string path) => Parse(InputLine.ReadFile(path), path);

    public static SnapFile Parse(string text, string source)
    {
        var lines = InputLine.ReadAll(text, source).ToArray();
        if (lines.Length == 0)
            throw new SimulationInputException(source, null, "the file is empty: expected the snapshot id on the first line");
        var tokens = new Dictionary<string, long>(StringComparer.Ordinal);
        var messages = new List<Message>();
        foreach (var line in lines.Skip(1))
        {
            if (line.Fields.Length == 2 && tokens.TryAdd(line.Fields[0], line.WholeNumber(1, "a token count", 0)))
                continue;
            if (line.Fields.Length != 3 || !TryParseToken(line.Fields[2], out var amount))
                throw line.Error($"expected 'SERVER TOKENS' (each server once) or 'SRC DST token(N)', found '{line.Text}'");
            messages.Add(new Message(line.Fields[0], line.Fields[1], amount));
        }
        return new SnapFile(lines[0].WholeNumber(0, "the snapshot id", 0), tokens, messages);
    }

    public string Write()
    {
        var lines = new List<string> { Id.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        lines.AddRange(Tokens.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key} {t.Value}"));
        lines.AddRange(Messages.Select(m => m.ToString()));
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>
    /// The reference's equality: same id, same tokens per server, same number of messages, and the messages
    /// recorded at each receiving server in the same order (the order across receivers does not matter).
    /// </summary>
    public bool Matches(SnapFile other) =>
        Id == other.Id
        && Tokens.Count == other.Tokens.Count
        && Tokens.All(t => other.Tokens.TryGetValue(t.Key, out var tokens) && tokens == t.Value)
        && Messages.Count == other.Messages.Count
        && Messages.Select(m => m.To).Distinct().All(to => ReceivedBy(to).SequenceEqual(other.ReceivedBy(to)));

    private IEnumerable<Message> ReceivedBy(string server) => Messages.Where(m => m.To == server);

    private static bool TryParseToken(string field, out long amount)
    {
        amount = 0;
        return field.StartsWith("token(", StringComparison.Ordinal)
            && field.EndsWith(')')
            && long.TryParse(field["token(".Length..^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out amount);
    }
}
