using Snapshot.Algorithm;

namespace Snapshot.Simulation;

/// <summary>
/// A deterministic discrete-time network that drives one <see cref="SnapshotProcess{TPeer,TMessage}"/> per
/// server. The network rules are those of the reference run (tests/Snapshot.Tests/Conformance/README.md):
/// <list type="bullet">
/// <item>each link is a FIFO queue; a message is delivered only once it is at the head and due;</item>
/// <item>each step, time advances by one, then servers are visited in ordinal order of their ids; for each,
/// its outgoing links in ordinal order of destination; the first link whose head is due delivers that one
/// message and the server is done for the step;</item>
/// <item>every message put on a link, tokens and markers alike, is due at now + the next delay;</item>
/// <item>a server that records sends markers on its outgoing links in ordinal order of destination.</item>
/// </list>
/// Same topology, script and delays: same run, always.
/// </summary>
public sealed class Simulator
{
    /// <summary>Steps run after the last snapshot completes, as in the reference run (the largest random delay, plus one).</summary>
    public const int StepsAfterCompletion = 6;

    private readonly SortedDictionary<string, Server> _servers = new(StringComparer.Ordinal);
    private readonly IDelaySource _delays;
    private readonly long _initialTotal;
    private readonly Dictionary<SnapshotId, Assembling> _assembling = [];
    private readonly List<SimulatedSnapshot> _completed = [];
    private readonly List<TraceEvent> _trace = [];
    private long _time;
    private long _nextSnapshot;
    private long _nextToken;

    public Simulator(Topology topology, IDelaySource delays)
    {
        _delays = delays;
        _initialTotal = topology.TotalTokens;
        foreach (var spec in topology.Servers)
        {
            var incoming = topology.Links.Where(l => l.To == spec.Id).Select(l => l.From).Order(StringComparer.Ordinal);
            var outgoing = topology.Links.Where(l => l.From == spec.Id).Select(l => l.To).Order(StringComparer.Ordinal);
            _servers.Add(spec.Id, new Server(spec.Id, spec.Tokens, incoming, outgoing));
        }
        Topology = topology;
    }

    public Topology Topology { get; }

    /// <summary>Snapshots completed so far, by ascending id. Still valid after a run stopped on an input error.</summary>
    public IReadOnlyList<SimulatedSnapshot> Completed => [.. _completed.OrderBy(s => s.Id.Value)];

    /// <summary>Everything that happened so far, in order. Still valid after a run stopped on an input error.</summary>
    public IReadOnlyList<TraceEvent> Trace => _trace;

    /// <summary>The current step.</summary>
    public long Time => _time;

    /// <summary>Loads the three inputs, validates them and runs the script to the end.</summary>
    public static SimulationResult Run(Topology topology, EventScript script, IDelaySource delays) =>
        new Simulator(topology, delays).Run(script);

    /// <summary>
    /// Runs the script, then keeps stepping until every snapshot has completed, then <see cref="StepsAfterCompletion"/> more.
    /// The script is validated first, so a snapshot that could never complete is refused before anything runs.
    /// </summary>
    /// <exception cref="SimulationInputException">The script or the delays are wrong; <see cref="Completed"/> keeps what finished before.</exception>
    public SimulationResult Run(EventScript script)
    {
        script.Validate(Topology);
        foreach (var e in script.Events)
            Execute(e, script.Source);
        while (_assembling.Count > 0)
        {
            if (_servers.Values.All(s => s.Links.All(l => l.InFlight.Count == 0)))
                throw new InvalidOperationException($"snapshots {string.Join(", ", _assembling.Keys)} wait for markers that were never sent");
            Step();
        }
        for (var i = 0; i < StepsAfterCompletion; i++)
            Step();
        return new SimulationResult(Completed, _trace, _time);
    }

    private void Execute(ScriptEvent e, string source)
    {
        switch (e)
        {
            case SendTokens send:
                var sender = _servers[send.From];
                if (send.Amount > sender.Tokens)
                    throw new SimulationInputException(source, e.Line, $"{send.From} cannot send {send.Amount} tokens at step {_time}: it holds {sender.Tokens}");
                sender.Tokens -= send.Amount;
                Send(sender, send.To, new Token(_nextToken++, send.Amount));
                break;
            case StartSnapshot start:
                var id = new SnapshotId(_nextSnapshot++);
                _assembling.Add(id, new Assembling(new CutAssembly<string, long, Token>(id, _servers.Keys, StringComparer.Ordinal), start.Initiator, _time));
                var initiator = _servers[start.Initiator];
                Apply(initiator, initiator.Process.Initiate(id));
                break;
            case Tick tick:
                Advance(tick.Steps);
                break;
        }
    }

    /// <summary>Runs <paramref name="steps"/> steps, jumping over those in which no message is due: they would deliver nothing.</summary>
    private void Advance(long steps)
    {
        while (steps > 0)
        {
            var idle = Math.Min(steps, NextDue() - _time - 1);
            if (idle > 0)
            {
                _time += idle;
                steps -= idle;
                continue;
            }
            Step();
            steps--;
        }
    }

    /// <summary>The earliest step at which a message can be delivered: only the head of a link can be.</summary>
    private long NextDue() =>
        _servers.Values.SelectMany(s => s.Links).Select(l => l.InFlight.TryPeek(out var head) ? head.Due : long.MaxValue).DefaultIfEmpty(long.MaxValue).Min();

    private void Step()
    {
        _time++;
        foreach (var server in _servers.Values)
        {
            var link = server.Links.FirstOrDefault(l => l.InFlight.TryPeek(out var head) && head.Due <= _time);
            if (link is not null)
                Deliver(link.From, _servers[link.To], link.InFlight.Dequeue().Message);
        }
    }

    private void Deliver(string from, Server to, SimMessage message)
    {
        _trace.Add(new MessageDelivered(_time, from, to.Id, message));
        switch (message)
        {
            case Token token:
                to.Tokens += token.Amount;
                to.Process.OnMessage(from, token);
                break;
            case Marker marker:
                Apply(to, to.Process.OnMarker(from, marker.Snapshot));
                break;
        }
    }

    private void Apply(Server server, ProcessStep<string, Token> step)
    {
        if (step.RecordState)
        {
            server.Recorded.Add(step.Snapshot, server.Tokens);
            _trace.Add(new StateRecorded(_time, server.Id, step.Snapshot, server.Tokens));
        }
        foreach (var peer in step.SendMarkersTo)
            Send(server, peer, new Marker(step.Snapshot));
        if (step.Completed is not { } part)
            return;
        var assembling = _assembling[step.Snapshot];
        if (!assembling.Parts.Add(server.Recorded[step.Snapshot], part))
            return;
        _assembling.Remove(step.Snapshot);
        _completed.Add(new SimulatedSnapshot(assembling.Parts.Build(), assembling.Initiator, assembling.StartedAt, _time, _initialTotal));
        _trace.Add(new SnapshotCompleted(_time, step.Snapshot));
    }

    private void Send(Server from, string to, SimMessage message)
    {
        var due = _time + _delays.Next();
        from.LinkTo(to).InFlight.Enqueue(new InFlightMessage(message, due));
        _trace.Add(new MessageSent(_time, from.Id, to, message, due));
    }

    private sealed record Assembling(CutAssembly<string, long, Token> Parts, string Initiator, long StartedAt);

    private readonly record struct InFlightMessage(SimMessage Message, long Due);

    private sealed class OutgoingLink(string from, string to)
    {
        public string From { get; } = from;

        public string To { get; } = to;

        public Queue<InFlightMessage> InFlight { get; } = new();
    }

    private sealed class Server
    {
        public Server(string id, long tokens, IEnumerable<string> incoming, IEnumerable<string> outgoing)
        {
            Id = id;
            Tokens = tokens;
            Process = new SnapshotProcess<string, Token>(id, incoming, outgoing, StringComparer.Ordinal);
            Links = [.. Process.Outgoing.Select(to => new OutgoingLink(id, to))];
        }

        public string Id { get; }

        public long Tokens { get; set; }

        public SnapshotProcess<string, Token> Process { get; }

        /// <summary>Outgoing links in ordinal order of destination.</summary>
        public IReadOnlyList<OutgoingLink> Links { get; }

        public Dictionary<SnapshotId, long> Recorded { get; } = [];

        public OutgoingLink LinkTo(string to) => Links.First(l => l.To == to);
    }
}
