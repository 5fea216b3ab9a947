using Snapshot.Algorithm;
using Snapshot.Runtime.Internal;

namespace Snapshot.Runtime.Coordination;

/// <summary>
/// The serialized parts this node's participants finished for snapshots coordinated on other nodes, held so that
/// they travel to each coordinator in one batch per node instead of one message per participant. A batch goes when
/// every participant of this node in the snapshot has finished, when it has grown to the size of a piece, or when
/// the coordinator's flush timer says it has waited long enough (see <see cref="SnapshotCoordinator"/>).
/// </summary>
internal sealed class PartBatches(int pieceSize)
{
    private readonly Dictionary<SnapshotKey, Pending> _pending = [];
    private int _lastBatch;

    /// <summary>A batch to send: its number among this node's batches, and its parts.</summary>
    public sealed record Batch(SnapshotPlan Plan, int Number, IReadOnlyList<byte[]> Parts);

    /// <summary>Holds <paramref name="part"/>; the batch to send now, or null while it waits for more.</summary>
    /// <param name="started">True when this is the first part the snapshot's next batch holds: time to start its flush timer.</param>
    public Batch? Add(SnapshotPlan plan, byte[] part, out bool started)
    {
        DropPastDeadline();
        if (!_pending.TryGetValue(plan.Key, out var pending))
            _pending[plan.Key] = pending = new Pending(plan);
        started = pending.Parts.Count == 0;
        pending.Parts.Add(part);
        pending.Bytes += part.Length;
        pending.Finished++;
        if (pending.Finished >= plan.Layout.LocalMembers.Count)
        {
            _pending.Remove(plan.Key);
            return Take(pending);
        }
        return pending.Bytes >= pieceSize ? Take(pending) : null;
    }

    /// <summary>The number of snapshots whose parts it is still batching.</summary>
    public TableSize TableSize() => new("coordinator.part-batches", _pending.Count);

    /// <summary>What the snapshot <paramref name="key"/> holds now, or null when nothing.</summary>
    public Batch? Flush(SnapshotKey key) =>
        _pending.TryGetValue(key, out var pending) && pending.Parts.Count > 0 ? Take(pending) : null;

    private Batch Take(Pending pending)
    {
        var batch = new Batch(pending.Plan, ++_lastBatch, [.. pending.Parts]);
        pending.Parts.Clear();
        pending.Bytes = 0;
        return batch;
    }

    // A snapshot that failed elsewhere leaves its parts here: its deadline bounds how long.
    private void DropPastDeadline()
    {
        var now = DateTime.UtcNow;
        foreach (var key in _pending.Where(p => p.Value.Plan.DeadlineUtc < now).Select(p => p.Key).ToArray())
            _pending.Remove(key);
    }

    private sealed class Pending(SnapshotPlan plan)
    {
        public SnapshotPlan Plan { get; } = plan;

        public List<byte[]> Parts { get; } = [];

        public long Bytes { get; set; }

        /// <summary>Parts of this node's participants finished so far, sent or not.</summary>
        public int Finished { get; set; }
    }
}
