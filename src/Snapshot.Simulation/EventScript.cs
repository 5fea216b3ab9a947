namespace Snapshot.Simulation;

/// <summary>
/// An <c>.events</c> script, executed in order: <c>send SRC DST N</c>, <c>snapshot SERVER</c>,
/// <c>tick</c> or <c>tick N</c>. Lines starting with <c>#</c> are comments.
/// </summary>
public sealed record EventScript(string Source, IReadOnlyList<ScriptEvent> Events)
{
    public static EventScript Load(string path) => Parse(InputLine.ReadFile(path), path);

    public static EventScript Parse(string text, string source) =>
        new(source, [.. InputLine.ReadAll(text, source).Select(ParseEvent)]);

    /// <summary>
    /// Checks the script against the network before anything runs: every server and link it names
    /// exists, and every snapshot can complete (its initiator reaches every server along links).
    /// </summary>
    public void Validate(Topology topology)
    {
        foreach (var e in Events)
        {
            switch (e)
            {
                case SendTokens send:
                    RequireServer(topology, send.From, e.Line);
                    RequireServer(topology, send.To, e.Line);
                    if (!topology.Links.Contains(new Link(send.From, send.To)))
                        throw Error(e.Line, $"no link {send.From} → {send.To} in {topology.Source}");
                    break;
                case StartSnapshot snapshot:
                    RequireServer(topology, snapshot.Initiator, e.Line);
                    var reached = topology.ReachableFrom(snapshot.Initiator);
                    var unreachable = topology.Servers.Select(s => s.Id).Where(id => !reached.Contains(id)).ToArray();
                    if (unreachable.Length > 0)
                        throw Error(e.Line, $"a snapshot started at {snapshot.Initiator} can never complete: no links lead from it to {string.Join(", ", unreachable)}");
                    break;
            }
        }
    }

    private void RequireServer(Topology topology, string server, int line)
    {
        if (!topology.HasServer(server))
            throw Error(line, $"unknown server '{server}' (not declared in {topology.Source})");
    }

    private SimulationInputException Error(int line, string problem) => new(Source, line, problem);

    private static ScriptEvent ParseEvent(InputLine line) => (line.Fields[0], line.Fields.Length) switch
    {
        ("send", 4) => new SendTokens(line.Number, line.Fields[1], line.Fields[2], line.WholeNumber(3, "the number of tokens", 0)),
        ("snapshot", 2) => new StartSnapshot(line.Number, line.Fields[1]),
        ("tick", 1) => new Tick(line.Number, 1),
        ("tick", 2) => new Tick(line.Number, line.WholeNumber(1, "the number of ticks", 1, Tick.MaxSteps)),
        ("send", _) => throw line.Error($"expected 'send SRC DST N', found '{line.Text}'"),
        ("snapshot", _) => throw line.Error($"expected 'snapshot SERVER', found '{line.Text}'"),
        ("tick", _) => throw line.Error($"expected 'tick' or 'tick N', found '{line.Text}'"),
        _ => throw line.Error($"unknown command '{line.Fields[0]}' (expected send, snapshot or tick)"),
    };
}
