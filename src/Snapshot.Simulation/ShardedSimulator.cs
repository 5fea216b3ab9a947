using Snapshot.Algorithm.Sharded;

namespace Snapshot.Simulation;

/// <summary>
/// A deterministic sharded group, snapshotted by the protocol of <see cref="ShardedLedger{TNode,TEntity,TState,TMessage}"/>:
/// one ledger per node and one <see cref="ShardedCompletion{TNode,TEntity,TState,TMessage}"/> per snapshot, the cores the
/// runtime drives, with what the protocol may not rely on modelled as Akka.Cluster.Sharding has it:
/// <list type="bullet">
/// <item>a payment goes from its sender's handler through the regions and shards to its receiver's mailbox in some
/// steps, drawn for each payment on its own: payments from one sender to one receiver overtake each other, as they may
/// when a region buffers some while a shard's home is resolved, or a shard while its entity starts;</item>
/// <item>a payment for an entity that is not live starts it (its shard does), the entity holding the tokens it had when it
/// passivated, or none if it never ran; an idle entity passivates at random;</item>
/// <item>each entity handles the head of its mailbox on some steps only; a payment it must hold for a snapshot its
/// node has not opened yet stays at the head;</item>
/// <item>the coordinator (on node 0) starts the snapshots one at a time, each over every node, over one FIFO stream to
/// each node with random delays, and each node's reports come back over one FIFO stream of its own.</item>
/// </list>
/// Same scenario, same run, always.
/// </summary>
public sealed class ShardedSimulator
{
    /// <summary>Most steps a run may take after its payments stop before it is declared stuck.</summary>
    public const long DrainLimit = 100_000;

    private readonly ShardedScenario _scenario;
    private readonly Random _random;
    private readonly ShardedLedger<int, string, long, ShardedPayment>[] _ledgers;
    private readonly Dictionary<string, Entity> _entities = new(StringComparer.Ordinal);
    private readonly string[] _ids;
    private readonly List<(long Due, long Id, ShardedPayment Payment, long Epoch, int SenderNode)> _routed = [];
    private readonly Queue<(long Due, long Snapshot, bool Open)>[] _toNodes;
    private readonly Queue<(long Due, ShardedReport<int, string, long, ShardedPayment> Report)>[] _fromNodes;
    private readonly long[] _lastToNode;
    private readonly long[] _lastFromNode;
    private readonly List<ShardedRun.Snapshot> _completed = [];
    private readonly List<ShardedEvent> _trace = [];
    private ShardedCompletion<int, string, long, ShardedPayment>? _running;
    private long _time;
    private long _sequence;
    private long _lastSnapshot;
    private long _nextPayment;
    private int _pending;

    public ShardedSimulator(ShardedScenario scenario)
    {
        _scenario = scenario;
        _random = new Random(scenario.Seed);
        _ledgers = [.. Enumerable.Range(0, scenario.Nodes).Select(node => new ShardedLedger<int, string, long, ShardedPayment>(node))];
        _toNodes = [.. Enumerable.Range(0, scenario.Nodes).Select(_ => new Queue<(long, long, bool)>())];
        _fromNodes = [.. Enumerable.Range(0, scenario.Nodes).Select(_ => new Queue<(long, ShardedReport<int, string, long, ShardedPayment>)>())];
        _lastToNode = new long[scenario.Nodes];
        _lastFromNode = new long[scenario.Nodes];
        foreach (var spec in scenario.Entities)
        {
            var entity = new Entity(spec.Id, spec.Node) { Tokens = spec.Started ? spec.Tokens : 0 };
            _entities.Add(spec.Id, entity);
            if (spec.Started)
                Start(entity);
        }
        _ids = [.. scenario.Entities.Select(e => e.Id)];
    }

    public static ShardedRun Run(ShardedScenario scenario) => new ShardedSimulator(scenario).Run();

    /// <summary>Runs the payments and the snapshots, then steps until every snapshot has completed.</summary>
    /// <exception cref="InvalidOperationException">A snapshot did not complete within <see cref="DrainLimit"/> steps after the payments stopped.</exception>
    public ShardedRun Run()
    {
        var lastRequest = _scenario.Snapshots.DefaultIfEmpty(0).Max();
        while (_time < Math.Max(_scenario.PayingSteps, lastRequest) || _completed.Count < _scenario.Snapshots.Count)
        {
            if (_time > Math.Max(_scenario.PayingSteps, lastRequest) + DrainLimit)
                throw new InvalidOperationException(
                    $"{_scenario.Snapshots.Count - _completed.Count} snapshot(s) did not complete within {DrainLimit} steps after the payments stopped; " +
                    $"snapshot {_running?.Snapshot} waits for the counts of nodes [{string.Join(", ", _running?.Uncounted ?? [])}], " +
                    $"unhandled by node {string.Join(", ", (_running?.Unhandled ?? new Dictionary<int, long>()).Select(u => $"{u.Key}: {u.Value}"))}");
            Step();
        }
        return new ShardedRun(_completed, _trace, _time);
    }

    private void Step()
    {
        _time++;
        _pending += _scenario.Snapshots.Count(s => s == _time);
        if (_running is null && _pending > 0)
            StartSnapshot();
        for (var node = 0; node < _scenario.Nodes; node++)
        {
            while (_toNodes[node].TryPeek(out var head) && head.Due <= _time)
                Arrive(node, _toNodes[node].Dequeue());
            while (_fromNodes[node].TryPeek(out var head) && head.Due <= _time)
                Report(node, _fromNodes[node].Dequeue().Report);
        }
        foreach (var due in _routed.Where(r => r.Due <= _time).OrderBy(r => r.Due).ThenBy(r => r.Id).ToArray())
        {
            _routed.Remove(due);
            var receiver = _entities[due.Payment.To];
            if (!receiver.Live)
                Start(receiver);
            receiver.Mailbox.Enqueue(new Delivery(due.Payment, due.Epoch, due.SenderNode));
        }
        foreach (var entity in _entities.Values.OrderBy(_ => _random.Next()).ToArray())
        {
            if (entity.Live && entity.Mailbox.Count > 0 && _random.NextDouble() < _scenario.HandleChance)
                Handle(entity);
            if (entity.Live && _time <= _scenario.PayingSteps && entity.Tokens > 0 && _random.NextDouble() < _scenario.PaymentChance)
                Pay(entity, _ids[_random.Next(_ids.Length)], _random.Next(1, (int)Math.Min(entity.Tokens, int.MaxValue - 1) + 1));
            if (entity.Live && entity.Mailbox.Count == 0 && _random.NextDouble() < _scenario.PassivateChance)
            {
                entity.Live = false;
                _ledgers[entity.Node].Passivated(entity.Id, entity.Tokens);
                Drain(entity.Node);
            }
        }
    }

    private void StartSnapshot()
    {
        _pending--;
        var snapshot = ++_lastSnapshot;
        _running = new ShardedCompletion<int, string, long, ShardedPayment>(snapshot, Enumerable.Range(0, _scenario.Nodes));
        for (var node = 0; node < _scenario.Nodes; node++)
            ToNode(node, snapshot, open: true);
    }

    private void Arrive(int node, (long Due, long Snapshot, bool Open) command)
    {
        var ledger = _ledgers[node];
        if (!command.Open)
        {
            ledger.Close(command.Snapshot);
            return;
        }
        ledger.Open(command.Snapshot);
        Drain(node);
    }

    private void Report(int node, ShardedReport<int, string, long, ShardedPayment> report)
    {
        // What arrives for a snapshot already ended: the state of an entity that started after the end, at the earliest.
        if (_running is not { } running || report.Snapshot != running.Snapshot || !running.Report(node, report))
            return;
        _completed.Add(new ShardedRun.Snapshot(running.Snapshot, new Dictionary<string, long>(running.States), [.. running.InFlight.Select(m => m.Message)]));
        _running = null;
        for (var other = 0; other < _scenario.Nodes; other++)
            ToNode(other, running.Snapshot, open: false);
        if (_pending > 0)
            StartSnapshot();
    }

    private void Handle(Entity entity)
    {
        var ledger = _ledgers[entity.Node];
        switch (entity.Mailbox.Peek())
        {
            case Initiate:
                entity.Mailbox.Dequeue();
                if (ledger.Initiated(entity.Id))
                    Record(entity);
                break;
            case Delivery delivery:
                var decision = ledger.OnMessage(entity.Id, delivery.SenderNode, delivery.Payment.From, delivery.Epoch, delivery.Payment);
                entity.Mailbox.Dequeue();
                Drain(entity.Node);
                if (decision == ShardedDecision.RecordFirst)
                    Record(entity);
                entity.Tokens += delivery.Payment.Tokens;
                _trace.Add(new ShardedEvent.Handled(++_sequence, delivery.Payment));
                break;
        }
        Drain(entity.Node);
    }

    private void Pay(Entity sender, string to, long tokens)
    {
        var epoch = _ledgers[sender.Node].Send(sender.Id);
        sender.Tokens -= tokens;
        var payment = new ShardedPayment(++_nextPayment, sender.Id, to, tokens);
        _trace.Add(new ShardedEvent.Sent(++_sequence, payment));
        _routed.Add((_time + _random.Next(0, _scenario.MaxDelay + 1), payment.Id, payment, epoch, sender.Node));
    }

    /// <summary>The entity's shard starts it: with the tokens it kept, recording them first if its node says so.</summary>
    private void Start(Entity entity)
    {
        entity.Live = true;
        if (_ledgers[entity.Node].Started(entity.Id))
            Record(entity);
        Drain(entity.Node);
    }

    /// <summary>Records the entity's tokens, and puts the recording in the trace before whatever the entity does next.</summary>
    private void Record(Entity entity)
    {
        _ledgers[entity.Node].Recorded(entity.Id, entity.Tokens);
        Drain(entity.Node);
    }

    /// <summary>
    /// Puts the initiates of a snapshot just opened in its entities' mailboxes, the node's reports on its stream to the
    /// coordinator, and each recording in the trace as it happened.
    /// </summary>
    private void Drain(int node)
    {
        foreach (var id in _ledgers[node].TakeInitiations())
            _entities[id].Mailbox.Enqueue(new Initiate());
        foreach (var report in _ledgers[node].TakeReports())
        {
            if (report is ShardedReport<int, string, long, ShardedPayment>.Recorded recorded)
                _trace.Add(new ShardedEvent.Recorded(++_sequence, recorded.Snapshot, recorded.Entity, recorded.State, !_entities[recorded.Entity].Live));
            _lastFromNode[node] = Math.Max(_lastFromNode[node], _time + _random.Next(0, 4));
            _fromNodes[node].Enqueue((_lastFromNode[node], report));
        }
    }

    private void ToNode(int node, long snapshot, bool open)
    {
        _lastToNode[node] = Math.Max(_lastToNode[node], _time + _random.Next(0, 4));
        _toNodes[node].Enqueue((_lastToNode[node], snapshot, open));
    }

    private sealed class Entity(string id, int node)
    {
        public string Id { get; } = id;

        public int Node { get; } = node;

        public long Tokens { get; set; }

        public bool Live { get; set; }

        public Queue<object> Mailbox { get; } = new();
    }

    private sealed record Initiate;

    private sealed record Delivery(ShardedPayment Payment, long Epoch, int SenderNode);
}
