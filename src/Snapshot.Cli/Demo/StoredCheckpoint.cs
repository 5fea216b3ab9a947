using System.Globalization;
using Snapshot.Cli.Bank;
using Snapshot.Cli.Stored;
using Snapshot.Runtime;
using Snapshot.Storage;

namespace Snapshot.Cli.Demo;

/// <summary>
/// The stored snapshot <c>demo --restore-from</c> starts the bank again from: a snapshot of the bank's accounts in the
/// local snapshot store, named by its id or as <c>latest</c>, the newest of the bank's there. Checked before any node
/// starts, so that a wrong one costs one error line and no cluster.
/// </summary>
public static class StoredCheckpoint
{
    public const string OptionName = "--restore-from";

    public const string Latest = "latest";

    /// <summary>The id <paramref name="restoreFrom"/> names in the store in <paramref name="store"/>, checked to hold a snapshot of the bank.</summary>
    /// <exception cref="UsageException">Neither an id nor <c>latest</c>, not in the store, or not a snapshot of the bank.</exception>
    public static async Task<long> FindAsync(string store, string restoreFrom, CancellationToken cancellationToken)
    {
        long? wanted = restoreFrom == Latest ? null : Id(restoreFrom);
        var reader = StoreReader.StartOn(store);
        try
        {
            var storage = GlobalSnapshotStorage.Get(reader);
            var id = wanted
                ?? (await storage.ListAsync(BankAccount.Group, cancellationToken)).MaxBy(s => s.Id)?.Id
                ?? throw new UsageException(OptionName, $"the snapshot store {Path.GetFullPath(store)} holds no snapshot of group '{BankAccount.Group}' ('demo --restore' stores one)");
            await LoadAsync(storage, store, id, cancellationToken);
            return id;
        }
        finally
        {
            await reader.Terminate();
        }
    }

    /// <summary>The stored snapshot <paramref name="id"/>, which must be one of the bank; anything else is the user's mistake, named against <c>--restore-from</c>.</summary>
    /// <param name="store">The store's directory, for the error message.</param>
    public static async Task<GlobalSnapshot> LoadAsync(GlobalSnapshotStorage storage, string store, long id, CancellationToken cancellationToken)
    {
        GlobalSnapshot snapshot;
        try
        {
            snapshot = await storage.LoadAsync(id, cancellationToken);
        }
        catch (StoredSnapshotNotFoundException e)
        {
            throw new UsageException(OptionName, $"snapshot {e.Id} is not in the snapshot store {Path.GetFullPath(store)} ('snapshot list' shows those that are)");
        }
        if (snapshot.Group != BankAccount.Group || snapshot.Processes.Count == 0 || snapshot.Processes.Any(p => p.State is not AccountState))
            throw new UsageException(OptionName, $"snapshot {id} in {Path.GetFullPath(store)} is of group '{snapshot.Group}', not of the demo's bank accounts");
        return snapshot;
    }

    private static long Id(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw new UsageException(OptionName, $"'{text}' is neither a stored snapshot's id (1, 2, …) nor '{Latest}'");
}
