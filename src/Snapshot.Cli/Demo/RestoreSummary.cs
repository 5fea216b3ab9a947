using Snapshot.Cli.Reports;

namespace Snapshot.Cli.Demo;

/// <summary>What <c>demo --restore</c> found: the checkpoint, the restored bank before new orders, and the snapshots after.</summary>
/// <param name="StoredId">The checkpoint's id in the snapshot store.</param>
/// <param name="Store">The snapshot store's directory.</param>
/// <param name="Checkpoint">The snapshot the crashed cluster was restored from, as loaded from the store.</param>
/// <param name="Restored">A snapshot of the restored bank before any new order.</param>
/// <param name="ReplayedMessages">Stashed and in-flight messages of the checkpoint delivered to the restored accounts.</param>
/// <param name="ExactAccounts">Restored accounts whose balance is the recorded one plus what was stashed by or in flight to them.</param>
/// <param name="Run">The snapshots taken while transfers ran again.</param>
public sealed record RestoreSummary(long StoredId, string Store, SnapshotReport Checkpoint, SnapshotReport Restored, int ReplayedMessages, int ExactAccounts, SnapshotRunSummary Run)
{
    /// <summary>The restored bank holds the checkpoint's money, all in its accounts, each account exactly.</summary>
    public bool RestoredExactly =>
        Checkpoint.Conserved && Restored.Total == Checkpoint.Total && Restored.InFlightTotal == 0 && ExactAccounts == Checkpoint.Participants
        && Restored.Participants == Checkpoint.Participants;

    public bool Succeeded => RestoredExactly && Run.AllConserved;

    /// <summary>The object <c>--json</c> prints.</summary>
    public object ToJson() => new
    {
        stored_id = StoredId,
        checkpoint = Checkpoint.ToJson(),
        restored = Restored.ToJson(),
        replayed_messages = ReplayedMessages,
        exact_accounts = ExactAccounts,
        restored_exactly = RestoredExactly,
        after_restore = Run.ToJson(),
        succeeded = Succeeded,
    };
}
