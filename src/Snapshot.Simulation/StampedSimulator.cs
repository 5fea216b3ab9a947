using Snapshot.Algorithm;

namespace Snapshot.Simulation;

/// <summary>
/// A deterministic cluster in which any member pays any other at will, snapshotted by the stamped protocol: it drives
/// one <see cref="StampedProcess{TPeer,TMessage,TSnapshot}"/> per member and one <see cref="NodeLedger{TPeer,TSnapshot}"/> per node, with
/// what that protocol relies on modelled as the runtime has it:
/// <list type="bullet">
/// <item>each member has a FIFO mailbox; a message put in it is stamped with its node's clock at that moment, and the
/// member handles its head only on some steps, so messages wait there;</item>
/// <item>a message to a member of the same node goes into its mailbox at once, as a local tell does;</item>
/// <item>between two nodes, one FIFO association per direction, each message due some steps later; on arrival the
/// receiving node puts it in its recipient's mailbox, or ticks for each record notice of a batch, in the order it was sent;</item>
/// <item>a snapshot is requested from a node's coordinator, which gathers the members (<see cref="MemberGathering{TNode,TMember}"/>:
/// it asks every other node over its association, each answers over its own) and decides the start and the completion
/// (<see cref="SnapshotCoordination{TNode,TParticipant,TPart,TMessage}"/>), the cores the runtime's coordinator drives;</item>
/// <item>it starts with one initiate per node, which that node hands to each of its members' mailboxes; a member
/// that records queues its notice in its node's <see cref="NoticeOutbox{TPeer,TSnapshot}"/>, whose waiting notices go to
/// every other node in one batch per snapshot before any member of the node handles a payment or pays (the runtime's
/// handlers), when the last member of the node records, and before the node flushes; a node that has seen every
/// member record puts a flush in each of its members' mailboxes; a member that has flushed sends its part to the
/// coordinator's node.</item>
/// </list>
/// Same scenario, same run, always. The trace has what <see cref="Simulator"/>'s has: payments sent and handled, states
/// recorded, snapshots completed.
/// </summary>
public sealed class StampedSimulator
{
    private readonly StampedScenario _scenario;
    private readonly Random _random;
    private readonly PeerIndex<string> _members;
    private readonly Dictionary<string, Member> _byName = new(StringComparer.Ordinal);
    private readonly Node[] _nodes;
    // By (from node, to node), each association's messages in the order sent.
    private readonly Queue<InTransit>[,] _associations;
    private readonly long[,] _lastDue;
    // By the snapshot's id in the run (the trace's and the result's): where it started and over whom.
    private readonly Dictionary<SnapshotId, Started> _started = [];
    private readonly List<SimulatedSnapshot> _completed = [];
    private readonly List<TraceEvent> _trace = [];
    private long _time;
    private long _nextSnapshot;
    private long _nextToken;
    private int _requested;

    public StampedSimulator(StampedScenario scenario)
    {
        _scenario = scenario;
        _random = new Random(scenario.Seed);
        _members = new PeerIndex<string>(scenario.Members.Select(m => m.Name), StringComparer.Ordinal);
        _nodes = [.. Enumerable.Range(0, scenario.Nodes).Select(node => new Node(node, member => _byName[member].Node, Math.Max(1, scenario.Snapshots.Count)))];
        foreach (var spec in scenario.Members)
        {
            var node = _nodes[spec.Node];
            var member = new Member(spec.Name, spec.Node, spec.Tokens, new StampedProcess<string, Token, SnapshotId>(spec.Name, node.Ledger));
            _byName.Add(spec.Name, member);
            node.Members.Add(member);
        }
        _associations = new Queue<InTransit>[scenario.Nodes, scenario.Nodes];
        _lastDue = new long[scenario.Nodes, scenario.Nodes];
        for (var from = 0; from < scenario.Nodes; from++)
        {
            for (var to = 0; to < scenario.Nodes; to++)
                _associations[from, to] = new Queue<InTransit>();
        }
    }

    /// <summary>Most steps a run may take after its payments stop before it is declared stuck.</summary>
    public const long DrainLimit = 100_000;

    public static SimulationResult Run(StampedScenario scenario) => new StampedSimulator(scenario).Run();

    /// <summary>Runs the payments and the snapshots, then steps until every snapshot has completed.</summary>
    /// <exception cref="InvalidOperationException">A snapshot did not complete within <see cref="DrainLimit"/> steps after the payments stopped.</exception>
    public SimulationResult Run()
    {
        var lastStart = _scenario.Snapshots.Select(s => s.Step).DefaultIfEmpty(0).Max();
        while (_time < Math.Max(_scenario.PayingSteps, lastStart) || _completed.Count < _requested)
        {
            if (_time > Math.Max(_scenario.PayingSteps, lastStart) + DrainLimit)
                throw new InvalidOperationException($"{_requested - _completed.Count} snapshot(s) did not complete within {DrainLimit} steps after the payments stopped");
            Step();
        }
        return new SimulationResult([.. _completed.OrderBy(s => s.Id.Value)], _trace, _time);
    }

    private void Step()
    {
        _time++;
        foreach (var start in _scenario.Snapshots.Where(s => s.Step == _time))
            Request(start.Node);
        for (var from = 0; from < _nodes.Length; from++)
        {
            for (var to = 0; to < _nodes.Length; to++)
            {
                var association = _associations[from, to];
                while (association.TryPeek(out var head) && head.Due <= _time)
                    Arrive(to, association.Dequeue());
            }
        }
        foreach (var member in _byName.Values.OrderBy(_ => _random.Next()).ToArray())
        {
            if (member.Mailbox.Count > 0 && _random.NextDouble() < _scenario.HandleChance)
                Handle(member, member.Mailbox.Dequeue());
            if (_time <= _scenario.PayingSteps && member.Tokens > 0 && _random.NextDouble() < _scenario.PaymentChance)
                Pay(member, _members[_random.Next(_members.Count)], _random.Next(1, (int)Math.Min(member.Tokens, int.MaxValue - 1) + 1));
        }
    }

    /// <summary>A snapshot is requested from <paramref name="coordinator"/>: it gathers the members, asking every other node.</summary>
    private void Request(int coordinator)
    {
        _requested++;
        var node = _nodes[coordinator];
        var request = new Guid(_requested, 0, 0, new byte[8]);
        if (node.Coordination.Admit(request) is { } refusal)
            throw new InvalidOperationException($"node {coordinator} refused a snapshot: {refusal}");
        var others = Enumerable.Range(0, _nodes.Length).Where(other => other != coordinator).ToArray();
        if (node.Gathering.Begin(request, [.. node.Members.Select(m => m.Name)], others) is { } members)
        {
            Start(coordinator, request, members);
            return;
        }
        foreach (var other in others)
            Send(coordinator, other, new MembersQuery(request));
    }

    /// <summary>The members of <paramref name="request"/> are known: the coordinator starts it and every node is initiated.</summary>
    private void Start(int coordinator, Guid request, IReadOnlyList<string> members)
    {
        var node = _nodes[coordinator];
        var decision = node.Coordination.Start(request, members, initiator: null);
        if (decision.Refused)
            throw new InvalidOperationException($"node {coordinator} refused a snapshot: {decision.Refusal}");
        var id = new SnapshotId(_nextSnapshot++);
        var started = new Started(coordinator, decision.Id, new PeerIndex<string>(members, StringComparer.Ordinal), _time);
        _started.Add(id, started);
        if (!node.Coordination.Run(decision.Id, request, started.Members, confirming: []))
            throw new InvalidOperationException($"node {coordinator} waits for confirmations no node was asked for");
        for (var other = 0; other < _nodes.Length; other++)
        {
            if (other == coordinator)
                InitiateMembers(other, id);
            else
                Send(coordinator, other, new InitiateNode(id));
        }
    }

    private void Arrive(int node, InTransit transit)
    {
        switch (transit.Message)
        {
            case MembersQuery query:
                Send(node, transit.From, new MembersAnswer(query.Request, [.. _nodes[node].Members.Select(m => m.Name)]));
                break;
            case MembersAnswer answer:
                if (_nodes[node].Gathering.Answer(answer.Request, transit.From, answer.Members, out var members) && members is not null)
                    Start(node, answer.Request, members);
                break;
            case Part part:
                Receive(part);
                break;
            case InitiateNode initiate:
                InitiateMembers(node, initiate.Snapshot);
                break;
            case Notices notices:
                if (!Open(node, notices.Snapshot))
                    break;
                foreach (var member in notices.Members)
                {
                    if (_nodes[node].Ledger.Noticed(notices.Snapshot, member))
                        FlushMembers(node, notices.Snapshot);
                }
                break;
            default:
                Enqueue(_byName[transit.To!], transit.Message, transit.Sender);
                break;
        }
    }

    private void InitiateMembers(int node, SnapshotId id)
    {
        if (!Open(node, id))
            return;
        foreach (var member in _nodes[node].Members)
            Enqueue(member, new Initiate(id), sender: null);
    }

    /// <summary>Opens snapshot <paramref name="id"/> on <paramref name="node"/>; false when the node already flushed it.</summary>
    private bool Open(int node, SnapshotId id) => _nodes[node].Ledger.Open(id, _started[id].Members, _nodes[node].Members.Count);

    private void FlushMembers(int node, SnapshotId id)
    {
        SendNotices(node);
        foreach (var member in _nodes[node].Members)
            Enqueue(member, new Flush(id), sender: null);
    }

    private void Enqueue(Member member, object message, string? sender) =>
        member.Mailbox.Enqueue(new Enqueued(message, sender, _nodes[member.Node].Ledger.Stamp));

    private void Handle(Member member, Enqueued enqueued)
    {
        switch (enqueued.Message)
        {
            case Token token:
                Apply(member, member.Process.OnMessage(enqueued.Sender!, enqueued.Stamp, token));
                SendNotices(member.Node);
                member.Tokens += token.Amount;
                _trace.Add(new MessageDelivered(_time, enqueued.Sender!, member.Name, token));
                break;
            case Initiate initiate:
                Apply(member, member.Process.Initiate(initiate.Snapshot));
                break;
            case Flush flush:
                Complete(member, flush.Snapshot);
                break;
        }
    }

    /// <summary>Carries out a step: the state recorded, the waiting notices sent if it says so, the flushes of this node.</summary>
    private void Apply(Member member, StampedStep<SnapshotId> step)
    {
        foreach (var id in step.Record)
        {
            member.Recorded.Add(id, member.Tokens);
            _trace.Add(new StateRecorded(_time, member.Name, id, member.Tokens));
        }
        if (step.SendNotices)
            SendNotices(member.Node);
        foreach (var id in step.Flush)
            FlushMembers(member.Node, id);
    }

    /// <summary>The waiting record notices of <paramref name="node"/>'s members go to every other node, one batch per snapshot.</summary>
    private void SendNotices(int node) =>
        _nodes[node].Ledger.Notices.SendWaiting((id, members) =>
        {
            for (var other = 0; other < _nodes.Length; other++)
            {
                if (other != node)
                    Send(node, other, new Notices(id, members));
            }
        });

    /// <summary>A member flushed snapshot <paramref name="id"/>: its part goes to the coordinator's node.</summary>
    private void Complete(Member member, SnapshotId id)
    {
        if (member.Process.OnFlush(id) is not { } recorded)
            return;
        var part = new Part(id, member.Name, member.Recorded[id], recorded);
        var coordinator = _started[id].Coordinator;
        if (coordinator == member.Node)
            Receive(part);
        else
            Send(member.Node, coordinator, part);
    }

    /// <summary>A part reached its coordinator, which decides whether the snapshot is complete.</summary>
    private void Receive(Part part)
    {
        var started = _started[part.Snapshot];
        var coordination = _nodes[started.Coordinator].Coordination;
        var local = new LocalSnapshot<string, Token>(started.Local, part.Member, started.Members.Peers, part.Recorded);
        switch (coordination.Receive(started.Local, part.State, local, out var cut))
        {
            case PartReceipt.Taken:
                return;
            case PartReceipt.Completed:
                _completed.Add(new SimulatedSnapshot(cut!.Build() with { Id = part.Snapshot }, $"node {started.Coordinator}", started.At, _time, _scenario.Topology.TotalTokens));
                _trace.Add(new SnapshotCompleted(_time, part.Snapshot));
                return;
            case var receipt:
                throw new InvalidOperationException($"the part of {part.Member} for snapshot {part.Snapshot.Value} was refused: {receipt}");
        }
    }

    private void Pay(Member from, string to, long amount)
    {
        SendNotices(from.Node);
        from.Tokens -= amount;
        var token = new Token(_nextToken++, amount);
        var receiver = _byName[to];
        if (receiver.Node == from.Node)
        {
            _trace.Add(new MessageSent(_time, from.Name, to, token, _time));
            Enqueue(receiver, token, from.Name);
            return;
        }
        var due = Send(from.Node, receiver.Node, token, from.Name, to);
        _trace.Add(new MessageSent(_time, from.Name, to, token, due));
    }

    /// <summary>Puts a message on the association between two nodes, due after a random delay and never before the one ahead of it.</summary>
    private long Send(int from, int to, object message, string? sender = null, string? recipient = null)
    {
        var due = _lastDue[from, to] = Math.Max(_lastDue[from, to], _time + _random.Next(1, (int)SeededDelays.MaxDelay + 1));
        _associations[from, to].Enqueue(new InTransit(message, from, sender, recipient, due));
        return due;
    }

    /// <summary>A snapshot started by <paramref name="Coordinator"/>, which knows it as <paramref name="Local"/>.</summary>
    private sealed record Started(int Coordinator, SnapshotId Local, PeerIndex<string> Members, long At);

    private sealed record MembersQuery(Guid Request);

    private sealed record MembersAnswer(Guid Request, IReadOnlyList<string> Members);

    private sealed record Part(SnapshotId Snapshot, string Member, long State, IReadOnlyList<RecordedMessage<string, Token>> Recorded);

    private sealed record Initiate(SnapshotId Snapshot);

    private sealed record InitiateNode(SnapshotId Snapshot);

    private sealed record Notices(SnapshotId Snapshot, IReadOnlyList<string> Members);

    private sealed record Flush(SnapshotId Snapshot);

    private readonly record struct Enqueued(object Message, string? Sender, long Stamp);

    private readonly record struct InTransit(object Message, int From, string? Sender, string? To, long Due);

    private sealed class Node(int index, Func<string, int> nodeOf, int maxInFlight)
    {
        public NodeLedger<string, SnapshotId> Ledger { get; } = new();

        public List<Member> Members { get; } = [];

        public SnapshotCoordination<int, string, long, Token> Coordination { get; } = new(index, nodeOf, maxInFlight);

        public MemberGathering<int, string> Gathering { get; } = new(Comparer<int>.Default);
    }

    private sealed class Member(string name, int node, long tokens, StampedProcess<string, Token, SnapshotId> process)
    {
        public string Name { get; } = name;

        public int Node { get; } = node;

        public long Tokens { get; set; } = tokens;

        public StampedProcess<string, Token, SnapshotId> Process { get; } = process;

        public Queue<Enqueued> Mailbox { get; } = new();

        public Dictionary<SnapshotId, long> Recorded { get; } = [];
    }
}
