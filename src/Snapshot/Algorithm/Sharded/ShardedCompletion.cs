namespace Snapshot.Algorithm.Sharded;

/// <summary>
/// The coordinator's side of one snapshot of a sharded group: it takes each node's reports, in the order that node's
/// <see cref="ShardedLedger{TNode,TEntity,TState,TMessage}"/> made them, and says when the snapshot is complete. Pure.
/// <para>
/// Why complete means a whole cut: a node counts once every entity it had at the open has recorded, so its states come
/// before its count, and its count of what it sent before recording is final. Every message sent below the snapshot is
/// handled by some node, where it is either in that node's count or, handled after it, reported in flight. So when,
/// for every node, what it sent equals what the nodes' counts and later in-flight reports hold of it, every message sent
/// before its sender recorded has been handled, and each one handled after its receiver recorded is here. Entities
/// that start while it runs record too; their states arrive before any of their in-flight messages, and one that
/// arrives after the end was of an entity that held only what it started with and had handled no message of the
/// snapshot's nodes sent before the cut.
/// </para>
/// <para>
/// Shards that move while it runs. Every entity of a shard that stops on a node while the snapshot is open there has
/// recorded there by then (live at the open, it was initiated; passivated, the node recorded it; started since, it
/// recorded first; stopping unrecorded, it records as it stops). Started again on a node where the snapshot is open, it
/// records once more what it started with, a <i>fresh</i> record: the first record is its cut, as what it did between the
/// two is after the cut there and is counted and recorded in flight as such, so a fresh record gives way to one from
/// another node. Started on a node that has not opened the snapshot yet, it handles messages as before the cut and records
/// again when the node opens: two records that both claim the cut, and the snapshot fails (<see cref="Conflict"/>).
/// </para>
/// </summary>
public sealed class ShardedCompletion<TNode, TEntity, TState, TMessage>
    where TNode : notnull
    where TEntity : notnull
{
    private readonly Dictionary<TNode, NodeCount?> _counts;
    private readonly Dictionary<TEntity, TState> _states = [];
    private readonly List<RecordedMessage<TEntity, TMessage>> _inFlight = [];
    private readonly HashSet<TEntity> _passivated = [];
    private readonly Dictionary<TEntity, (TNode Node, bool Fresh)> _recordedBy = [];

    public ShardedCompletion(long snapshot, IEnumerable<TNode> nodes)
    {
        Snapshot = snapshot;
        _counts = nodes.ToDictionary(node => node, _ => (NodeCount?)null);
    }

    public long Snapshot { get; }

    /// <summary>True once every node's count is in and every message counted as sent has been handled.</summary>
    public bool IsComplete { get; private set; }

    /// <summary>Each entity's recorded state.</summary>
    public IReadOnlyDictionary<TEntity, TState> States => _states;

    /// <summary>The entities whose state was recorded passivated: what they handed over when they stopped.</summary>
    public IReadOnlySet<TEntity> Passivated => _passivated;

    /// <summary>Why the snapshot cannot complete: an entity recorded its cut on two nodes. Null while it can.</summary>
    public string? Conflict { get; private set; }

    /// <summary>The messages in flight at the cut, in the order they were reported.</summary>
    public IReadOnlyList<RecordedMessage<TEntity, TMessage>> InFlight => _inFlight;

    /// <summary>The nodes whose count has not arrived.</summary>
    public IEnumerable<TNode> Uncounted => _counts.Where(c => c.Value is null).Select(c => c.Key);

    /// <summary>By node, the messages it sent before the cut that no node has reported handling yet, for the nodes that have counted.</summary>
    public IReadOnlyDictionary<TNode, long> Unhandled =>
        _counts.Where(c => c.Value is not null).ToDictionary(c => c.Key, c => c.Value!.Sent - Handled(c.Key));

    /// <summary>A report of <paramref name="from"/>'s, the next in its stream.</summary>
    /// <returns>True when this report completed the snapshot (once).</returns>
    /// <exception cref="SnapshotProtocolException">The report is out of its stream's order, for another snapshot, or from a node the snapshot does not span.</exception>
    public bool Report(TNode from, ShardedReport<TNode, TEntity, TState, TMessage> report)
    {
        if (IsComplete || Conflict is not null)
            return false;
        if (report.Snapshot != Snapshot || !_counts.TryGetValue(from, out var count))
            throw new SnapshotProtocolException(ProtocolViolation.UnexpectedPart, null, $"a report of snapshot {report.Snapshot} from {from} reached snapshot {Snapshot}'s coordinator, spanning {string.Join(", ", _counts.Keys)}");
        switch (report)
        {
            case ShardedReport<TNode, TEntity, TState, TMessage>.Recorded recorded:
                if (!Keeps(from, recorded))
                    return false;
                _recordedBy[recorded.Entity] = (from, recorded.Fresh);
                _states[recorded.Entity] = recorded.State;
                if (recorded.Passivated)
                    _passivated.Add(recorded.Entity);
                else
                    _passivated.Remove(recorded.Entity);
                return false;
            case ShardedReport<TNode, TEntity, TState, TMessage>.Counted counted:
                if (count is not null)
                    throw new SnapshotProtocolException(ProtocolViolation.UnexpectedPart, null, $"{from} counted snapshot {Snapshot} twice");
                _counts[from] = new NodeCount(counted.Sent, counted.Received);
                break;
            case ShardedReport<TNode, TEntity, TState, TMessage>.InFlight inFlight:
                // From a node the snapshot does not span: an external input, its sender's state not being in the cut.
                if (!_counts.ContainsKey(inFlight.SenderNode))
                    break;
                _inFlight.Add(inFlight.Message);
                // Handled after its node counted: not in that count.
                if (count is not null)
                    count.HandledSince[inFlight.SenderNode] = count.HandledSince.GetValueOrDefault(inFlight.SenderNode) + 1;
                break;
        }
        IsComplete = _counts.All(c => c.Value is { } n && n.Sent == Handled(c.Key));
        return IsComplete;
    }

    /// <summary>Whether <paramref name="recorded"/> is the entity's cut, rather than one it already has from another node.</summary>
    private bool Keeps(TNode from, ShardedReport<TNode, TEntity, TState, TMessage>.Recorded recorded)
    {
        if (!_recordedBy.TryGetValue(recorded.Entity, out var earlier) || EqualityComparer<TNode>.Default.Equals(earlier.Node, from))
            return true;
        if (recorded.Fresh != earlier.Fresh)
            return earlier.Fresh;
        Conflict = $"entity {recorded.Entity} recorded snapshot {Snapshot} on {earlier.Node} and again on {from}: its shard moved to a node that had not opened the snapshot yet";
        return false;
    }

    private long Handled(TNode sender) =>
        _counts.Values.Sum(c => c is null ? 0 : c.Received.GetValueOrDefault(sender) + c.HandledSince.GetValueOrDefault(sender));

    private sealed class NodeCount(long sent, IReadOnlyDictionary<TNode, long> received)
    {
        public long Sent { get; } = sent;

        public IReadOnlyDictionary<TNode, long> Received { get; } = received;

        // Messages from each sender node reported in flight after this node counted.
        public Dictionary<TNode, long> HandledSince { get; } = [];
    }
}
