namespace Snapshot.Algorithm.Sharded;

/// <summary>
/// One node's side of the snapshots of a sharded group: entities addressed by id through regions, started by a message,
/// passivated when idle. A message through a region reaches its entity later than its sender told it, on another
/// actor's thread, after waiting in a region or a shard for as long as it takes, and messages of different senders
/// overtake each other there: neither a stamp taken as it enters the entity's mailbox nor a flush behind it can tell
/// when it was sent. So each message carries its sender's <b>epoch</b>, the last snapshot the sender recorded,
/// read in the sender's handler (<see cref="Send"/>), and the node counts what its entities send and handle. Pure and
/// single-threaded: the driver serialises the calls of a node's entities and hands out what it returns.
/// <para>
/// Snapshots of a group run one at a time, numbered 1, 2, … by their coordinator. The rules, for the snapshot
/// <c>k</c> open on this node (Lai and Yang's colours, Mattern's counts):
/// </para>
/// <list type="number">
/// <item>When <c>k</c> opens here (<see cref="Open"/>), every passivated entity records the state it handed over when it
/// passivated, and every live entity is initiated; an entity passivating before it recorded records as it stops; an
/// entity starting while <c>k</c> is open, with nothing handed over, records its first state before it handles anything.</item>
/// <item>Before it handles a message of epoch <c>k</c> or later (sent after its sender recorded), an entity that has not
/// recorded for <c>k</c> records: no message it handles before recording was sent after its sender recorded. When the
/// node has not opened that epoch yet, the message opens it here first, as the coordinator's open would (Lai and Yang:
/// a red message turns its receiver red): its sender's node has opened it, so its coordinator started it.</item>
/// <item>A message of an epoch below <c>k</c> (sent before its sender recorded) handled after its receiver recorded is
/// recorded in flight, whatever path it took and however long it waited: the colour travels with it, so nothing here
/// needs FIFO order between a sender and a receiver.</item>
/// <item>The snapshot is complete when every message of an epoch below <c>k</c> has been handled, and Mattern's counts
/// say when: once every entity the node had at the open has recorded, no entity of the node sends below <c>k</c> any more,
/// and the node reports how many it sent below <c>k</c> and, by sender node, how many below <c>k</c> it handled
/// (<see cref="ShardedReport{TNode,TEntity,TState,TMessage}.Counted"/>); every one handled after that is reported in
/// flight, since every entity of the node has recorded by then. The coordinator adds them up
/// (<see cref="ShardedCompletion{TNode,TEntity,TState,TMessage}"/>): when, for every node, what it sent equals what the
/// nodes handled of it, none is left anywhere, in a region, a shard or a mailbox.</item>
/// </list>
/// <para>
/// Counts are since the node started, kept per epoch and merged below the open snapshot (all that is asked of them is
/// the sum below it). They and the messages in flight are reported for every sender node: which nodes a snapshot spans
/// is the coordinator's to know (a message from a node outside it is an external input, its sender's state not being in
/// the snapshot), and a node that opens on a message does not know it. An entity keeps its epoch across passivation: the state it hands
/// over keeps it, and it takes it back when it starts again here.
/// </para>
/// </summary>
/// <typeparam name="TNode">What names a node.</typeparam>
/// <typeparam name="TEntity">What names an entity: its id.</typeparam>
/// <typeparam name="TState">An entity's recorded state.</typeparam>
/// <typeparam name="TMessage">A message between entities.</typeparam>
public sealed class ShardedLedger<TNode, TEntity, TState, TMessage>
    where TNode : notnull
    where TEntity : notnull
{
    // Live entities by their epoch: the last snapshot each recorded, or the last one opened here before it started.
    private readonly Dictionary<TEntity, long> _live = [];
    private readonly Dictionary<TEntity, (TState State, long Epoch)> _passivated = [];
    // By epoch: messages this node's entities sent, and handled by sender node.
    private readonly Dictionary<long, long> _sent = [];
    private readonly Dictionary<TNode, Dictionary<long, long>> _received = [];
    private readonly List<ShardedReport<TNode, TEntity, TState, TMessage>> _reports = [];
    private readonly List<TEntity> _initiations = [];
    private long _opened;
    private Opened? _open;

    public ShardedLedger(TNode self) => Self = self;

    /// <summary>This ledger's node.</summary>
    public TNode Self { get; }

    /// <summary>The last snapshot opened (or closed) here: a message of a later epoch opens its own.</summary>
    public long LastOpened => _opened;

    /// <summary>
    /// Snapshot <paramref name="snapshot"/> opens on this node: its coordinator started it. Passivated entities record at
    /// once; the live ones are to be initiated (<see cref="TakeInitiations"/>). Nothing happens when it is not newer than
    /// every snapshot opened or closed here already.
    /// </summary>
    public void Open(long snapshot)
    {
        if (snapshot <= _opened)
            return;
        _opened = snapshot;
        Merge(_sent, snapshot);
        foreach (var received in _received.Values)
            Merge(received, snapshot);
        var open = _open = new Opened(snapshot);
        foreach (var (entity, (state, _)) in _passivated.ToArray())
        {
            _passivated[entity] = (state, snapshot);
            _reports.Add(new ShardedReport<TNode, TEntity, TState, TMessage>.Recorded(snapshot, entity, state, Passivated: true));
        }
        var initiate = _live.Where(live => live.Value < snapshot).Select(live => live.Key).ToList();
        open.Awaited.UnionWith(initiate);
        _initiations.AddRange(initiate);
        CountIfAllRecorded(open);
    }

    /// <summary>
    /// Snapshot <paramref name="snapshot"/> ended (completed or failed): nothing more is recorded for it here, and a message
    /// of its epoch arriving late does not open it again.
    /// </summary>
    public void Close(long snapshot)
    {
        if (_open?.Snapshot == snapshot)
            _open = null;
        _opened = Math.Max(_opened, snapshot);
    }

    /// <summary>
    /// Entity <paramref name="entity"/> started on this node. It takes back the epoch of the state it handed over here, if
    /// it did; otherwise, while a snapshot is open, it must record before it handles anything.
    /// </summary>
    /// <returns>True when the driver must record its state now (<see cref="Recorded"/>), before its first message.</returns>
    public bool Started(TEntity entity)
    {
        if (_live.ContainsKey(entity))
            return false;
        if (_passivated.Remove(entity, out var handedOver))
        {
            _live[entity] = handedOver.Epoch;
            return false;
        }
        _live[entity] = _open is null ? _opened : _opened - 1;
        _open?.Fresh.Add(entity);
        return _open is not null;
    }

    /// <summary>The initiate of the open snapshot reached <paramref name="entity"/>.</summary>
    /// <returns>True when the driver must record its state now (<see cref="Recorded"/>).</returns>
    public bool Initiated(TEntity entity) => _open is { } open && _live.TryGetValue(entity, out var epoch) && epoch < open.Snapshot;

    /// <summary><paramref name="entity"/> recorded <paramref name="state"/> for the open snapshot, as a decision here asked.</summary>
    public void Recorded(TEntity entity, TState state)
    {
        if (_open is not { } open || !_live.TryGetValue(entity, out var epoch) || epoch >= open.Snapshot)
            return;
        _live[entity] = open.Snapshot;
        Record(open, entity, state);
    }

    /// <summary><paramref name="entity"/>, in its handler, sends a message through a region.</summary>
    /// <returns>The epoch the message carries.</returns>
    public long Send(TEntity entity)
    {
        var epoch = _live[entity];
        _sent[epoch] = _sent.GetValueOrDefault(epoch) + 1;
        return epoch;
    }

    /// <summary>
    /// A message of <paramref name="epoch"/> from <paramref name="sender"/> on <paramref name="senderNode"/> is about to be
    /// handled by <paramref name="receiver"/>.
    /// </summary>
    public ShardedDecision OnMessage(TEntity receiver, TNode senderNode, TEntity sender, long epoch, TMessage message)
    {
        if (epoch > _opened)
            Open(epoch);
        var own = _live[receiver];
        CountReceived(senderNode, epoch);
        if (_open is not { } open)
            return ShardedDecision.Handle;
        if (epoch >= open.Snapshot)
            return own < open.Snapshot ? ShardedDecision.RecordFirst : ShardedDecision.Handle;
        if (own >= open.Snapshot)
            _reports.Add(new ShardedReport<TNode, TEntity, TState, TMessage>.InFlight(open.Snapshot, senderNode, new RecordedMessage<TEntity, TMessage>(sender, receiver, message)));
        return ShardedDecision.Handle;
    }

    /// <summary>
    /// <paramref name="entity"/> passivated, handing over <paramref name="state"/>: this node keeps it, and reports it as the
    /// entity's state when a snapshot opens while it is passivated, or now, if it had not recorded for the open one.
    /// </summary>
    public void Passivated(TEntity entity, TState state)
    {
        if (!_live.Remove(entity, out var epoch))
            return;
        if (_open is { } open && epoch < open.Snapshot)
        {
            epoch = open.Snapshot;
            Record(open, entity, state, passivated: true);
        }
        _passivated[entity] = (state, epoch);
    }

    /// <summary>
    /// A message of <paramref name="epoch"/> from <paramref name="sender"/> on <paramref name="senderNode"/> for
    /// <paramref name="receiver"/> was dropped here (a region or shard let it go to dead letters) instead of being handled. It
    /// is counted as handled, or no count could balance again; dropped after this node counted the open snapshot, it is in
    /// flight at the cut, and its loss comes after it. Dropped before, it is lost before the cut, as the snapshot shows.
    /// </summary>
    public void Dropped(TEntity receiver, TNode senderNode, TEntity sender, long epoch, TMessage message)
    {
        if (epoch > _opened)
            Open(epoch);
        CountReceived(senderNode, epoch);
        if (_open is { Counted: true } open && epoch < open.Snapshot)
            _reports.Add(new ShardedReport<TNode, TEntity, TState, TMessage>.InFlight(open.Snapshot, senderNode, new RecordedMessage<TEntity, TMessage>(sender, receiver, message)));
    }

    /// <summary>
    /// <paramref name="entity"/>, passivated here, moved away with its shard (handed off to another node): this node no
    /// longer reports it, and gives back what it handed over, for whoever reports it until it starts again elsewhere.
    /// </summary>
    /// <returns>False when it was not passivated here.</returns>
    public bool HandOff(TEntity entity, out TState state)
    {
        var passivated = _passivated.Remove(entity, out var handedOver);
        state = handedOver.State;
        return passivated;
    }

    /// <summary>What this node's entities sent through the regions, and handled by sender node, since it started: its last count when it leaves.</summary>
    public (long Sent, IReadOnlyDictionary<TNode, long> Received) Totals() =>
        (_sent.Values.Sum(), _received.ToDictionary(r => r.Key, r => r.Value.Values.Sum()));

    /// <summary>The live entities an open since the last call asks the driver to initiate (<see cref="Initiated"/>).</summary>
    public IReadOnlyList<TEntity> TakeInitiations()
    {
        if (_initiations.Count == 0)
            return [];
        var initiations = _initiations.ToArray();
        _initiations.Clear();
        return initiations;
    }

    /// <summary>The reports for the coordinator since the last call, in the order they must reach it.</summary>
    public IReadOnlyList<ShardedReport<TNode, TEntity, TState, TMessage>> TakeReports()
    {
        if (_reports.Count == 0)
            return [];
        var reports = _reports.ToArray();
        _reports.Clear();
        return reports;
    }

    /// <summary>Reports <paramref name="entity"/>'s state for the open snapshot; the node counts if it was the last awaited.</summary>
    private void Record(Opened open, TEntity entity, TState state, bool passivated = false)
    {
        var fresh = open.Fresh.Remove(entity);
        _reports.Add(new ShardedReport<TNode, TEntity, TState, TMessage>.Recorded(open.Snapshot, entity, state, passivated, fresh));
        open.Awaited.Remove(entity);
        CountIfAllRecorded(open);
    }

    private void CountIfAllRecorded(Opened open)
    {
        if (open.Counted || open.Awaited.Count > 0)
            return;
        open.Counted = true;
        var below = open.Snapshot;
        _reports.Add(new ShardedReport<TNode, TEntity, TState, TMessage>.Counted(
            below, Below(_sent, below), _received.ToDictionary(r => r.Key, r => Below(r.Value, below))));
    }

    private void CountReceived(TNode senderNode, long epoch)
    {
        var received = _received.TryGetValue(senderNode, out var counts) ? counts : _received[senderNode] = [];
        received[epoch] = received.GetValueOrDefault(epoch) + 1;
    }

    private static long Below(Dictionary<long, long> counts, long snapshot) => counts.Where(c => c.Key < snapshot).Sum(c => c.Value);

    /// <summary>Merges the buckets below <paramref name="snapshot"/> into one: only their sum is asked for from now on.</summary>
    private static void Merge(Dictionary<long, long> counts, long snapshot)
    {
        var below = counts.Where(c => c.Key < snapshot - 1).ToArray();
        foreach (var (epoch, count) in below)
        {
            counts.Remove(epoch);
            counts[snapshot - 1] = counts.GetValueOrDefault(snapshot - 1) + count;
        }
    }

    private sealed class Opened(long snapshot)
    {
        public long Snapshot { get; } = snapshot;

        // Live entities at the open that have not recorded yet.
        public HashSet<TEntity> Awaited { get; } = [];

        // Entities that started while it was open, with nothing handed over here, and have not recorded yet.
        public HashSet<TEntity> Fresh { get; } = [];

        public bool Counted { get; set; }
    }
}
