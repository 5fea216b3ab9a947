namespace Snapshot.Storage;

/// <summary>
/// Something in the store that cannot be read back: a stored snapshot or the catalog that lists them. The rest of the
/// store stays listed and readable.
/// </summary>
/// <param name="Id">The snapshot's id; null for the catalog.</param>
/// <param name="Location">Where it is: the file, for the local file store; the persistence id, for any other plugin.</param>
/// <param name="Problem">What is wrong with it.</param>
public sealed record StoreDamage(long? Id, string Location, string Problem)
{
    public override string ToString() => Id is { } id ? $"snapshot {id} ({Location}): {Problem}" : $"the catalog ({Location}): {Problem}";
}
